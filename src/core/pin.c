/* The kiosk admin PIN's hash and its check (kiosk.h), with libsodium's Argon2id.
 * Desktop builds only: the browser build has no kiosk. */
#include "louyu/kiosk.h"

#include <sodium.h>
#include <string.h>

static bool sodium_ready(void)
{
    return sodium_init() >= 0; /* idempotent; thread-safe after the first call */
}

int ly_pin_hash(const char *pin, char *out, size_t n)
{
    if (!ly_pin_valid(pin) || n < crypto_pwhash_STRBYTES || !sodium_ready())
        return -1;
    _Static_assert(LY_PIN_HASH_MAX >= crypto_pwhash_STRBYTES, "room for the hash string");
    if (crypto_pwhash_str_alg(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return -1;
    return 0;
}

bool ly_pin_verify(const char *hash, const char *pin)
{
    if (!ly_pin_valid(pin) || !ly_pin_hash_valid(hash) || !sodium_ready())
        return false;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}
