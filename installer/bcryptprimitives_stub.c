/*
 * Test-only bcryptprimitives.dll for the wine prefix of build-windows.sh; NEVER shipped.
 *
 * python-calamine is written in Rust, and Rust's standard library gets random numbers from
 * ProcessPrng() in bcryptprimitives.dll (Windows 8 and later have it; wine 8 does not), so
 * its .pyd fails to load under wine with "DLL load failed ... Module not found".
 * This one forwards to BCryptGenRandom, which wine implements.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll bcryptprimitives_stub.c -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG n = len > 0x40000000u ? 0x40000000u : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;  /* the real one never fails */
}
