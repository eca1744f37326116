/*
 * MD5 of up to 16 messages at once, one per 32-bit lane of AVX-512 registers.
 *
 * Why: SendMessageBatch answers the MD5 of every body, and OpenSSL's MD5 (crypto.hash) runs one
 * message at a time at about 1.45 µs a KiB, 12% of a 10 x 1 KiB batch's CPU. MD5 is a serial
 * chain inside one message but independent across messages, so sixteen chains side by side cost
 * about what one does (docs/benchmarks/analysis.md §1.21). The digests are plain RFC 1321 MD5;
 * the tests compare every one with node:crypto's.
 *
 * The module exports `supported` (this CPU has AVX-512F) and `md5Lanes(bytes, spans, out)`:
 * spans holds a [start, length] pair per message (1 to 16 of them) into bytes, which are only
 * read; out receives 16 bytes of digest per message, in order.
 */
#include <node_api.h>
#include <stdint.h>
#include <string.h>

#define LANES 16

/*
 * One message as MD5 reads it: its whole 64-byte blocks where they lie, then one or two blocks
 * of `tail` holding the rest of its bytes and MD5's padding (0x80, zeros, the length in bits).
 */
typedef struct {
  const uint8_t *whole;
  size_t whole_blocks;
  size_t blocks;
  uint8_t tail[128];
} lane_input;

static void lane_init(lane_input *lane, const uint8_t *message, size_t length) {
  size_t rest = length % 64;
  size_t tail_bytes = rest + 9 <= 64 ? 64 : 128;
  lane->whole = message;
  lane->whole_blocks = length / 64;
  lane->blocks = lane->whole_blocks + tail_bytes / 64;
  if (rest > 0) memcpy(lane->tail, message + length - rest, rest);
  lane->tail[rest] = 0x80;
  memset(lane->tail + rest + 1, 0, tail_bytes - rest - 1 - 8);
  uint64_t bits = (uint64_t)length * 8;
  for (int byte = 0; byte < 8; byte++)
    lane->tail[tail_bytes - 8 + byte] = (uint8_t)(bits >> (8 * byte));
}

static const uint8_t *lane_block(const lane_input *lane, size_t block) {
  return block < lane->whole_blocks ? lane->whole + block * 64
                                    : lane->tail + (block - lane->whole_blocks) * 64;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define TARGET __attribute__((target("avx512f")))

/* The round functions as ternary-logic tables of (b, c, d). */
#define F 0xCA /* (b & c) | (~b & d) */
#define G 0xE4 /* (b & d) | (c & ~d) */
#define H 0x96 /* b ^ c ^ d */
#define I 0x39 /* c ^ (b | ~d) */

#define STEP(table, a, b, c, d, word, constant, shift)                                           \
  do {                                                                                             \
    __m512i mixed = _mm512_ternarylogic_epi32(b, c, d, table);                                     \
    __m512i added = _mm512_add_epi32(x[word], _mm512_set1_epi32((int)(constant)));                 \
    a = _mm512_add_epi32(a, _mm512_add_epi32(mixed, added));                                       \
    a = _mm512_add_epi32(_mm512_rol_epi32(a, shift), b);                                           \
  } while (0)

/* Sixteen rows of sixteen 32-bit words become sixteen columns: x[w] holds word w of every lane. */
TARGET static void transpose(__m512i row[16], __m512i x[16]) {
  __m512i pairs[16], quads[16];
  for (int i = 0; i < 8; i++) {
    pairs[2 * i] = _mm512_unpacklo_epi32(row[2 * i], row[2 * i + 1]);
    pairs[2 * i + 1] = _mm512_unpackhi_epi32(row[2 * i], row[2 * i + 1]);
  }
  for (int i = 0; i < 4; i++) {
    quads[4 * i] = _mm512_unpacklo_epi64(pairs[4 * i], pairs[4 * i + 2]);
    quads[4 * i + 1] = _mm512_unpackhi_epi64(pairs[4 * i], pairs[4 * i + 2]);
    quads[4 * i + 2] = _mm512_unpacklo_epi64(pairs[4 * i + 1], pairs[4 * i + 3]);
    quads[4 * i + 3] = _mm512_unpackhi_epi64(pairs[4 * i + 1], pairs[4 * i + 3]);
  }
  for (int j = 0; j < 4; j++) {
    __m512i low01 = _mm512_shuffle_i32x4(quads[j], quads[4 + j], 0x44);
    __m512i high01 = _mm512_shuffle_i32x4(quads[j], quads[4 + j], 0xEE);
    __m512i low23 = _mm512_shuffle_i32x4(quads[8 + j], quads[12 + j], 0x44);
    __m512i high23 = _mm512_shuffle_i32x4(quads[8 + j], quads[12 + j], 0xEE);
    x[j] = _mm512_shuffle_i32x4(low01, low23, 0x88);
    x[4 + j] = _mm512_shuffle_i32x4(low01, low23, 0xDD);
    x[8 + j] = _mm512_shuffle_i32x4(high01, high23, 0x88);
    x[12 + j] = _mm512_shuffle_i32x4(high01, high23, 0xDD);
  }
}

/* The digests of `count` lanes; the lanes past count are left idle. */
TARGET static void md5_x16(const lane_input *input, size_t count, uint8_t digest[LANES][16]) {
  static const uint8_t idle_block[64];
  __m512i a = _mm512_set1_epi32(0x67452301), b = _mm512_set1_epi32((int)0xefcdab89),
          c = _mm512_set1_epi32((int)0x98badcfe), d = _mm512_set1_epi32(0x10325476);
  size_t most = 0;
  for (size_t lane = 0; lane < count; lane++)
    if (input[lane].blocks > most) most = input[lane].blocks;
  for (size_t block = 0; block < most; block++) {
    __m512i row[16], x[16];
    for (size_t lane = 0; lane < LANES; lane++) {
      const uint8_t *at =
          lane < count && block < input[lane].blocks ? lane_block(&input[lane], block) : idle_block;
      row[lane] = _mm512_loadu_si512(at);
    }
    transpose(row, x);
    __m512i a0 = a, b0 = b, c0 = c, d0 = d;
    STEP(F, a, b, c, d, 0, 0xd76aa478, 7);
    STEP(F, d, a, b, c, 1, 0xe8c7b756, 12);
    STEP(F, c, d, a, b, 2, 0x242070db, 17);
    STEP(F, b, c, d, a, 3, 0xc1bdceee, 22);
    STEP(F, a, b, c, d, 4, 0xf57c0faf, 7);
    STEP(F, d, a, b, c, 5, 0x4787c62a, 12);
    STEP(F, c, d, a, b, 6, 0xa8304613, 17);
    STEP(F, b, c, d, a, 7, 0xfd469501, 22);
    STEP(F, a, b, c, d, 8, 0x698098d8, 7);
    STEP(F, d, a, b, c, 9, 0x8b44f7af, 12);
    STEP(F, c, d, a, b, 10, 0xffff5bb1, 17);
    STEP(F, b, c, d, a, 11, 0x895cd7be, 22);
    STEP(F, a, b, c, d, 12, 0x6b901122, 7);
    STEP(F, d, a, b, c, 13, 0xfd987193, 12);
    STEP(F, c, d, a, b, 14, 0xa679438e, 17);
    STEP(F, b, c, d, a, 15, 0x49b40821, 22);
    STEP(G, a, b, c, d, 1, 0xf61e2562, 5);
    STEP(G, d, a, b, c, 6, 0xc040b340, 9);
    STEP(G, c, d, a, b, 11, 0x265e5a51, 14);
    STEP(G, b, c, d, a, 0, 0xe9b6c7aa, 20);
    STEP(G, a, b, c, d, 5, 0xd62f105d, 5);
    STEP(G, d, a, b, c, 10, 0x02441453, 9);
    STEP(G, c, d, a, b, 15, 0xd8a1e681, 14);
    STEP(G, b, c, d, a, 4, 0xe7d3fbc8, 20);
    STEP(G, a, b, c, d, 9, 0x21e1cde6, 5);
    STEP(G, d, a, b, c, 14, 0xc33707d6, 9);
    STEP(G, c, d, a, b, 3, 0xf4d50d87, 14);
    STEP(G, b, c, d, a, 8, 0x455a14ed, 20);
    STEP(G, a, b, c, d, 13, 0xa9e3e905, 5);
    STEP(G, d, a, b, c, 2, 0xfcefa3f8, 9);
    STEP(G, c, d, a, b, 7, 0x676f02d9, 14);
    STEP(G, b, c, d, a, 12, 0x8d2a4c8a, 20);
    STEP(H, a, b, c, d, 5, 0xfffa3942, 4);
    STEP(H, d, a, b, c, 8, 0x8771f681, 11);
    STEP(H, c, d, a, b, 11, 0x6d9d6122, 16);
    STEP(H, b, c, d, a, 14, 0xfde5380c, 23);
    STEP(H, a, b, c, d, 1, 0xa4beea44, 4);
    STEP(H, d, a, b, c, 4, 0x4bdecfa9, 11);
    STEP(H, c, d, a, b, 7, 0xf6bb4b60, 16);
    STEP(H, b, c, d, a, 10, 0xbebfbc70, 23);
    STEP(H, a, b, c, d, 13, 0x289b7ec6, 4);
    STEP(H, d, a, b, c, 0, 0xeaa127fa, 11);
    STEP(H, c, d, a, b, 3, 0xd4ef3085, 16);
    STEP(H, b, c, d, a, 6, 0x04881d05, 23);
    STEP(H, a, b, c, d, 9, 0xd9d4d039, 4);
    STEP(H, d, a, b, c, 12, 0xe6db99e5, 11);
    STEP(H, c, d, a, b, 15, 0x1fa27cf8, 16);
    STEP(H, b, c, d, a, 2, 0xc4ac5665, 23);
    STEP(I, a, b, c, d, 0, 0xf4292244, 6);
    STEP(I, d, a, b, c, 7, 0x432aff97, 10);
    STEP(I, c, d, a, b, 14, 0xab9423a7, 15);
    STEP(I, b, c, d, a, 5, 0xfc93a039, 21);
    STEP(I, a, b, c, d, 12, 0x655b59c3, 6);
    STEP(I, d, a, b, c, 3, 0x8f0ccc92, 10);
    STEP(I, c, d, a, b, 10, 0xffeff47d, 15);
    STEP(I, b, c, d, a, 1, 0x85845dd1, 21);
    STEP(I, a, b, c, d, 8, 0x6fa87e4f, 6);
    STEP(I, d, a, b, c, 15, 0xfe2ce6e0, 10);
    STEP(I, c, d, a, b, 6, 0xa3014314, 15);
    STEP(I, b, c, d, a, 13, 0x4e0811a1, 21);
    STEP(I, a, b, c, d, 4, 0xf7537e82, 6);
    STEP(I, d, a, b, c, 11, 0xbd3af235, 10);
    STEP(I, c, d, a, b, 2, 0x2ad7d2bb, 15);
    STEP(I, b, c, d, a, 9, 0xeb86d391, 21);
    a = _mm512_add_epi32(a, a0);
    b = _mm512_add_epi32(b, b0);
    c = _mm512_add_epi32(c, c0);
    d = _mm512_add_epi32(d, d0);
    uint32_t finished = 0;
    for (size_t lane = 0; lane < count; lane++)
      if (input[lane].blocks == block + 1) finished |= 1u << lane;
    if (finished != 0) {
      uint32_t words[4][LANES];
      _mm512_storeu_si512(words[0], a);
      _mm512_storeu_si512(words[1], b);
      _mm512_storeu_si512(words[2], c);
      _mm512_storeu_si512(words[3], d);
      for (size_t lane = 0; lane < count; lane++) {
        if ((finished & (1u << lane)) == 0) continue;
        for (int word = 0; word < 4; word++) memcpy(digest[lane] + 4 * word, &words[word][lane], 4);
      }
    }
  }
}

static int cpu_supported(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") != 0;
}
#else
static void md5_x16(const lane_input *input, size_t count, uint8_t digest[LANES][16]) {
  (void)input, (void)count, (void)digest;
}
static int cpu_supported(void) { return 0; }
#endif

static napi_value fail(napi_env env, const char *message) {
  napi_throw_range_error(env, NULL, message);
  return NULL;
}

static int bytes_of(napi_env env, napi_value value, napi_typedarray_type want, void **data,
                    size_t *length) {
  bool is_typed_array = false;
  if (napi_is_typedarray(env, value, &is_typed_array) != napi_ok || !is_typed_array) return 0;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, value, &type, length, data, NULL, NULL) != napi_ok) return 0;
  return type == want;
}

/* md5Lanes(bytes: Uint8Array, spans: Uint32Array, out: Uint8Array): undefined */
static napi_value md5_lanes(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 3)
    return fail(env, "md5Lanes takes (bytes, spans, out)");
  uint8_t *bytes, *out;
  uint32_t *spans;
  size_t byte_count, span_words, out_bytes;
  if (!bytes_of(env, argv[0], napi_uint8_array, (void **)&bytes, &byte_count) ||
      !bytes_of(env, argv[1], napi_uint32_array, (void **)&spans, &span_words) ||
      !bytes_of(env, argv[2], napi_uint8_array, (void **)&out, &out_bytes))
    return fail(env, "md5Lanes takes a Uint8Array, a Uint32Array and a Uint8Array");
  size_t count = span_words / 2;
  if (span_words % 2 != 0 || count == 0 || count > LANES)
    return fail(env, "md5Lanes takes 1 to 16 [start, length] spans");
  if (out_bytes < count * 16) return fail(env, "md5Lanes: out holds fewer than 16 bytes a span");
  lane_input input[LANES];
  for (size_t lane = 0; lane < count; lane++) {
    size_t start = spans[2 * lane], length = spans[2 * lane + 1];
    if (start > byte_count || length > byte_count - start)
      return fail(env, "md5Lanes: a span runs past the end of its bytes");
    lane_init(&input[lane], bytes + start, length);
  }
  uint8_t digest[LANES][16];
  md5_x16(input, count, digest);
  memcpy(out, digest, count * 16);
  return NULL;
}

static int supported = -1;

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  if (supported < 0) supported = cpu_supported();
  napi_value flag, function;
  if (napi_get_boolean(env, supported == 1, &flag) != napi_ok ||
      napi_set_named_property(env, exports, "supported", flag) != napi_ok)
    return NULL;
  if (supported == 1) {
    if (napi_create_function(env, "md5Lanes", NAPI_AUTO_LENGTH, md5_lanes, NULL, &function) !=
            napi_ok ||
        napi_set_named_property(env, exports, "md5Lanes", function) != napi_ok)
      return NULL;
  }
  return exports;
}
