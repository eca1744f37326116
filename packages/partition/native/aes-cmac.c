/*
 * AES-128-CMAC (NIST SP 800-38B, RFC 4493) of many messages of one length, with AES-NI.
 *
 * Why: a receive seals ten receipt handles and a DeleteMessageBatch checks ten; through
 * node:crypto each pass is two AES-ECB `update` calls of about 0.7 µs each, most of it the call
 * and its result Buffer, not AES (docs/benchmarks/analysis.md §1.22). One call here computes all
 * the tags. The JavaScript implementation (aes-cmac.ts) stays for CPUs without AES-NI, and the
 * tests hold the two equal and both to RFC 4493's vectors.
 *
 * Exports `supported` (this CPU has AES-NI) and
 * `aesCmacEach(key, messages, messageBytes, stride, count, out)`: the tags of `count` messages of
 * messageBytes bytes, message i starting at byte i * stride of messages, written end to end into
 * out. Every bound is checked before any byte is read or written.
 */
#include <node_api.h>
#include <stdint.h>
#include <string.h>

#define BLOCK 16

/* Multiplication by x in GF(2^128), as CMAC derives its subkeys. */
static void doubled(const uint8_t in[BLOCK], uint8_t out[BLOCK]) {
  for (int index = 0; index < BLOCK; index++) {
    uint8_t carry = index + 1 < BLOCK ? in[index + 1] >> 7 : 0;
    out[index] = (uint8_t)((in[index] << 1) | carry);
  }
  if (in[0] & 0x80) out[BLOCK - 1] ^= 0x87;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define TARGET __attribute__((target("aes,sse4.1")))

#define EXPAND(round, constant)                                                                    \
  do {                                                                                             \
    __m128i key = keys[round - 1];                                                                 \
    __m128i assist = _mm_shuffle_epi32(_mm_aeskeygenassist_si128(key, constant), 0xff);           \
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));                                              \
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));                                              \
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));                                              \
    keys[round] = _mm_xor_si128(key, assist);                                                      \
  } while (0)

TARGET static void expand_key(const uint8_t key[BLOCK], __m128i keys[11]) {
  keys[0] = _mm_loadu_si128((const __m128i *)key);
  EXPAND(1, 0x01);
  EXPAND(2, 0x02);
  EXPAND(3, 0x04);
  EXPAND(4, 0x08);
  EXPAND(5, 0x10);
  EXPAND(6, 0x20);
  EXPAND(7, 0x40);
  EXPAND(8, 0x80);
  EXPAND(9, 0x1b);
  EXPAND(10, 0x36);
}

TARGET static __m128i encrypt(__m128i block, const __m128i keys[11]) {
  block = _mm_xor_si128(block, keys[0]);
  for (int round = 1; round < 10; round++) block = _mm_aesenc_si128(block, keys[round]);
  return _mm_aesenclast_si128(block, keys[10]);
}

TARGET static void cmac_each(const uint8_t key[BLOCK], const uint8_t *messages, size_t bytes,
                             size_t stride, size_t count, uint8_t *out) {
  __m128i keys[11];
  expand_key(key, keys);
  uint8_t zero_tag[BLOCK], k1[BLOCK], k2[BLOCK];
  _mm_storeu_si128((__m128i *)zero_tag, encrypt(_mm_setzero_si128(), keys));
  doubled(zero_tag, k1);
  doubled(k1, k2);
  size_t blocks = bytes == 0 ? 1 : (bytes + BLOCK - 1) / BLOCK;
  int last_is_whole = bytes > 0 && bytes % BLOCK == 0;
  size_t last_start = (blocks - 1) * BLOCK;
  for (size_t message = 0; message < count; message++) {
    const uint8_t *at = messages + message * stride;
    __m128i chain = _mm_setzero_si128();
    for (size_t block = 0; block + 1 < blocks; block++) {
      __m128i data = _mm_loadu_si128((const __m128i *)(at + block * BLOCK));
      chain = encrypt(_mm_xor_si128(chain, data), keys);
    }
    uint8_t last[BLOCK] = {0};
    size_t present = bytes - last_start;
    if (present > 0) memcpy(last, at + last_start, present);
    if (!last_is_whole) last[present] = 0x80;
    const uint8_t *mask = last_is_whole ? k1 : k2;
    for (int index = 0; index < BLOCK; index++) last[index] ^= mask[index];
    __m128i tag = encrypt(_mm_xor_si128(chain, _mm_loadu_si128((const __m128i *)last)), keys);
    _mm_storeu_si128((__m128i *)(out + message * BLOCK), tag);
  }
}

static int cpu_supported(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("aes") != 0 && __builtin_cpu_supports("sse4.1") != 0;
}
#else
static void cmac_each(const uint8_t key[BLOCK], const uint8_t *messages, size_t bytes,
                      size_t stride, size_t count, uint8_t *out) {
  (void)key, (void)messages, (void)bytes, (void)stride, (void)count, (void)out;
}
static int cpu_supported(void) { return 0; }
#endif

static napi_value fail(napi_env env, const char *message) {
  napi_throw_range_error(env, NULL, message);
  return NULL;
}

static int bytes_of(napi_env env, napi_value value, uint8_t **data, size_t *length) {
  bool is_typed_array = false;
  if (napi_is_typedarray(env, value, &is_typed_array) != napi_ok || !is_typed_array) return 0;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, value, &type, length, (void **)data, NULL, NULL) != napi_ok)
    return 0;
  return type == napi_uint8_array;
}

static int size_of(napi_env env, napi_value value, size_t *size) {
  uint32_t number;
  if (napi_get_value_uint32(env, value, &number) != napi_ok) return 0;
  double exact;
  if (napi_get_value_double(env, value, &exact) != napi_ok || exact != (double)number) return 0;
  *size = number;
  return 1;
}

/* aesCmacEach(key, messages, messageBytes, stride, count, out): undefined */
static napi_value aes_cmac_each(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 6)
    return fail(env, "aesCmacEach takes (key, messages, messageBytes, stride, count, out)");
  uint8_t *key, *messages, *out;
  size_t key_bytes, message_area, out_bytes, bytes, stride, count;
  if (!bytes_of(env, argv[0], &key, &key_bytes) ||
      !bytes_of(env, argv[1], &messages, &message_area) ||
      !bytes_of(env, argv[5], &out, &out_bytes))
    return fail(env, "aesCmacEach takes Uint8Arrays for its key, messages and out");
  if (!size_of(env, argv[2], &bytes) || !size_of(env, argv[3], &stride) ||
      !size_of(env, argv[4], &count))
    return fail(env, "aesCmacEach takes whole numbers for messageBytes, stride and count");
  if (key_bytes != BLOCK) return fail(env, "aesCmacEach: the key is not 16 bytes");
  if (stride < bytes) return fail(env, "aesCmacEach: the stride is shorter than a message");
  if (count == 0) return NULL;
  if (bytes > message_area || (count - 1) > (message_area - bytes) / (stride == 0 ? 1 : stride))
    return fail(env, "aesCmacEach: the messages run past the end of their bytes");
  if (out_bytes / BLOCK < count) return fail(env, "aesCmacEach: out holds fewer than the tags");
  cmac_each(key, messages, bytes, stride, count, out);
  return NULL;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  int supported = cpu_supported();
  napi_value flag, function;
  if (napi_get_boolean(env, supported == 1, &flag) != napi_ok ||
      napi_set_named_property(env, exports, "supported", flag) != napi_ok)
    return NULL;
  if (supported == 1) {
    if (napi_create_function(env, "aesCmacEach", NAPI_AUTO_LENGTH, aes_cmac_each, NULL,
                             &function) != napi_ok ||
        napi_set_named_property(env, exports, "aesCmacEach", function) != napi_ok)
      return NULL;
  }
  return exports;
}
