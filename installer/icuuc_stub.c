/*
 * Test-only stand-in for Windows' system icuuc.dll, used inside the wine prefix of
 * build-windows.sh and NEVER shipped (the build script fails if it ends up in the bundle).
 *
 * Qt >= 6.10's Qt6Core.dll imports these 20 ucnv_* functions from the ICU that Windows 10
 * 1703+ ships in System32; wine 8 has no icuuc.dll, so Qt6Core.dll would fail to load.
 * Qt only uses ICU for legacy codecs that its built-in UTF-8/16/32/Latin-1 converters do not
 * cover, and treats a failed ucnv_open() as "codec unavailable". So every converter fails
 * to open here, and the other functions are never reached on a real converter.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o icuuc.dll icuuc_stub.c
 * List the imports: x86_64-w64-mingw32-objdump -p Qt6Core.dll | grep -A25 'DLL Name: icuuc'
 */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;                /* ICU: U_ZERO_ERROR = 0, failure > 0 */
#define U_FILE_ACCESS_ERROR 4
typedef uint16_t UChar;
typedef struct UConverter UConverter;
typedef void *UConverterCallback;

static void fail(UErrorCode *err) { if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; }

UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
void ucnv_close(UConverter *c) { (void)c; }
void ucnv_reset(UConverter *c) { (void)c; }
int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
const char *ucnv_getName(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return NULL; }
int32_t ucnv_countAvailable(void) { return 0; }
const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; fail(err); return NULL; }

void ucnv_getToUCallBack(const UConverter *c, UConverterCallback *action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
void ucnv_getFromUCallBack(const UConverter *c, UConverterCallback *action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
void ucnv_setToUCallBack(UConverter *c, UConverterCallback n, const void *nc,
                         UConverterCallback *o, const void **oc, UErrorCode *err)
{ (void)c; (void)n; (void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(err); }
void ucnv_setFromUCallBack(UConverter *c, UConverterCallback n, const void *nc,
                           UConverterCallback *o, const void **oc, UErrorCode *err)
{ (void)c; (void)n; (void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(err); }

void ucnv_toUnicode(UConverter *c, UChar **t, const UChar *tl, const char **s, const char *sl,
                    int32_t *off, int8_t flush, UErrorCode *err)
{ (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)off; (void)flush; fail(err); }
void ucnv_fromUnicode(UConverter *c, char **t, const char *tl, const UChar **s, const UChar *sl,
                      int32_t *off, int8_t flush, UErrorCode *err)
{ (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)off; (void)flush; fail(err); }
int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }
int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; fail(err); return 0; }

/* Callbacks and their helpers: only ever called from inside a working converter. */
void ucnv_cbToUWriteUChars(void *args, const UChar *s, int32_t n, int32_t off, UErrorCode *err)
{ (void)args; (void)s; (void)n; (void)off; fail(err); }
void ucnv_cbFromUWriteUChars(void *args, const UChar **s, const UChar *sl, int32_t off, UErrorCode *err)
{ (void)args; (void)s; (void)sl; (void)off; fail(err); }
void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const UChar *cu, int32_t n,
                                     int32_t cp, int reason, UErrorCode *err)
{ (void)ctx; (void)args; (void)cu; (void)n; (void)cp; (void)reason; fail(err); }
void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const char *cu, int32_t n,
                                   int reason, UErrorCode *err)
{ (void)ctx; (void)args; (void)cu; (void)n; (void)reason; fail(err); }
