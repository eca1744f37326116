/*
 * MD5 of up to 16 messages at once, one per 32-bit lane of SIMD registers: one set of AVX-512
 * registers where the CPU has AVX-512F, two interleaved sets of AVX2 registers where it has only
 * AVX2 (AMD before Zen 4, most Intel client CPUs, many cloud instances).
 *
 * Why: SendMessageBatch answers the MD5 of every body, and OpenSSL's MD5 (crypto.hash) runs one
 * message at a time at about 1.45 µs a KiB, 12% of a 10 x 1 KiB batch's CPU. MD5 is a serial
 * chain inside one message but independent across messages, so sixteen chains side by side cost
 * about what one does (docs/benchmarks/analysis.md §1.21, §1.29). The digests are plain RFC 1321
 * MD5; the tests compare every one with node:crypto's.
 *
 * The module exports `supported` (this CPU has AVX-512F or AVX2) and, where supported,
 * `instructionSet` ("avx512" or "avx2", the widest it has) and `md5Lanes(bytes, spans, out)`:
 * spans holds a [start, length] pair per message (1 to 16 of them) into bytes, which are only
 * read; out receives 16 bytes of digest per message, in order. `byInstructionSet` holds the same
 * function for every instruction set the CPU has, for the tests.
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

/* The lanes whose last block is `block`, a bit each. */
static uint32_t lanes_ending_at(const lane_input *input, size_t count, size_t block) {
  uint32_t finished = 0;
  for (size_t lane = 0; lane < count; lane++)
    if (input[lane].blocks == block + 1) finished |= 1u << lane;
  return finished;
}

/* The digest of each finished lane, from the state of every lane: words[w][lane] is word w. */
static void copy_digests(uint32_t finished, size_t count, uint32_t words[4][LANES],
                         uint8_t digest[LANES][16]) {
  for (size_t lane = 0; lane < count; lane++) {
    if ((finished & (1u << lane)) == 0) continue;
    for (int word = 0; word < 4; word++) memcpy(digest[lane] + 4 * word, &words[word][lane], 4);
  }
}

/*
 * MD5's 64 steps (RFC 1321, 3.4): `step(function, a, b, c, d, word, constant, shift)` with the
 * round functions f, g, h and i as each implementation spells them.
 */
#define MD5_STEPS(step, f, g, h, i)                                                                \
  step(f, a, b, c, d, 0, 0xd76aa478, 7);                                                           \
  step(f, d, a, b, c, 1, 0xe8c7b756, 12);                                                          \
  step(f, c, d, a, b, 2, 0x242070db, 17);                                                          \
  step(f, b, c, d, a, 3, 0xc1bdceee, 22);                                                          \
  step(f, a, b, c, d, 4, 0xf57c0faf, 7);                                                           \
  step(f, d, a, b, c, 5, 0x4787c62a, 12);                                                          \
  step(f, c, d, a, b, 6, 0xa8304613, 17);                                                          \
  step(f, b, c, d, a, 7, 0xfd469501, 22);                                                          \
  step(f, a, b, c, d, 8, 0x698098d8, 7);                                                           \
  step(f, d, a, b, c, 9, 0x8b44f7af, 12);                                                          \
  step(f, c, d, a, b, 10, 0xffff5bb1, 17);                                                         \
  step(f, b, c, d, a, 11, 0x895cd7be, 22);                                                         \
  step(f, a, b, c, d, 12, 0x6b901122, 7);                                                          \
  step(f, d, a, b, c, 13, 0xfd987193, 12);                                                         \
  step(f, c, d, a, b, 14, 0xa679438e, 17);                                                         \
  step(f, b, c, d, a, 15, 0x49b40821, 22);                                                         \
  step(g, a, b, c, d, 1, 0xf61e2562, 5);                                                           \
  step(g, d, a, b, c, 6, 0xc040b340, 9);                                                           \
  step(g, c, d, a, b, 11, 0x265e5a51, 14);                                                         \
  step(g, b, c, d, a, 0, 0xe9b6c7aa, 20);                                                          \
  step(g, a, b, c, d, 5, 0xd62f105d, 5);                                                           \
  step(g, d, a, b, c, 10, 0x02441453, 9);                                                          \
  step(g, c, d, a, b, 15, 0xd8a1e681, 14);                                                         \
  step(g, b, c, d, a, 4, 0xe7d3fbc8, 20);                                                          \
  step(g, a, b, c, d, 9, 0x21e1cde6, 5);                                                           \
  step(g, d, a, b, c, 14, 0xc33707d6, 9);                                                          \
  step(g, c, d, a, b, 3, 0xf4d50d87, 14);                                                          \
  step(g, b, c, d, a, 8, 0x455a14ed, 20);                                                          \
  step(g, a, b, c, d, 13, 0xa9e3e905, 5);                                                          \
  step(g, d, a, b, c, 2, 0xfcefa3f8, 9);                                                           \
  step(g, c, d, a, b, 7, 0x676f02d9, 14);                                                          \
  step(g, b, c, d, a, 12, 0x8d2a4c8a, 20);                                                         \
  step(h, a, b, c, d, 5, 0xfffa3942, 4);                                                           \
  step(h, d, a, b, c, 8, 0x8771f681, 11);                                                          \
  step(h, c, d, a, b, 11, 0x6d9d6122, 16);                                                         \
  step(h, b, c, d, a, 14, 0xfde5380c, 23);                                                         \
  step(h, a, b, c, d, 1, 0xa4beea44, 4);                                                           \
  step(h, d, a, b, c, 4, 0x4bdecfa9, 11);                                                          \
  step(h, c, d, a, b, 7, 0xf6bb4b60, 16);                                                          \
  step(h, b, c, d, a, 10, 0xbebfbc70, 23);                                                         \
  step(h, a, b, c, d, 13, 0x289b7ec6, 4);                                                          \
  step(h, d, a, b, c, 0, 0xeaa127fa, 11);                                                          \
  step(h, c, d, a, b, 3, 0xd4ef3085, 16);                                                          \
  step(h, b, c, d, a, 6, 0x04881d05, 23);                                                          \
  step(h, a, b, c, d, 9, 0xd9d4d039, 4);                                                           \
  step(h, d, a, b, c, 12, 0xe6db99e5, 11);                                                         \
  step(h, c, d, a, b, 15, 0x1fa27cf8, 16);                                                         \
  step(h, b, c, d, a, 2, 0xc4ac5665, 23);                                                          \
  step(i, a, b, c, d, 0, 0xf4292244, 6);                                                           \
  step(i, d, a, b, c, 7, 0x432aff97, 10);                                                          \
  step(i, c, d, a, b, 14, 0xab9423a7, 15);                                                         \
  step(i, b, c, d, a, 5, 0xfc93a039, 21);                                                          \
  step(i, a, b, c, d, 12, 0x655b59c3, 6);                                                          \
  step(i, d, a, b, c, 3, 0x8f0ccc92, 10);                                                          \
  step(i, c, d, a, b, 10, 0xffeff47d, 15);                                                         \
  step(i, b, c, d, a, 1, 0x85845dd1, 21);                                                          \
  step(i, a, b, c, d, 8, 0x6fa87e4f, 6);                                                           \
  step(i, d, a, b, c, 15, 0xfe2ce6e0, 10);                                                         \
  step(i, c, d, a, b, 6, 0xa3014314, 15);                                                          \
  step(i, b, c, d, a, 13, 0x4e0811a1, 21);                                                         \
  step(i, a, b, c, d, 4, 0xf7537e82, 6);                                                           \
  step(i, d, a, b, c, 11, 0xbd3af235, 10);                                                         \
  step(i, c, d, a, b, 2, 0x2ad7d2bb, 15);                                                          \
  step(i, b, c, d, a, 9, 0xeb86d391, 21);

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
TARGET static void md5_x16_avx512(const lane_input *input, size_t count,
                                  uint8_t digest[LANES][16]) {
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
    MD5_STEPS(STEP, F, G, H, I);
    a = _mm512_add_epi32(a, a0);
    b = _mm512_add_epi32(b, b0);
    c = _mm512_add_epi32(c, c0);
    d = _mm512_add_epi32(d, d0);
    uint32_t finished = lanes_ending_at(input, count, block);
    if (finished != 0) {
      uint32_t words[4][LANES];
      _mm512_storeu_si512(words[0], a);
      _mm512_storeu_si512(words[1], b);
      _mm512_storeu_si512(words[2], c);
      _mm512_storeu_si512(words[3], d);
      copy_digests(finished, count, words, digest);
    }
  }
}

#define TARGET_AVX2 __attribute__((target("avx2")))

/*
 * AVX2 has neither a rotate nor ternary logic: a rotate is two shifts and an or, and each round
 * function is two or three of and, or, xor (~d is d ^ all ones).
 */
#define ROL2(v, shift)                                                                             \
  _mm256_or_si256(_mm256_slli_epi32(v, shift), _mm256_srli_epi32(v, 32 - (shift)))
#define F2(b, c, d) _mm256_xor_si256(d, _mm256_and_si256(b, _mm256_xor_si256(c, d)))
#define G2(b, c, d) _mm256_xor_si256(c, _mm256_and_si256(d, _mm256_xor_si256(b, c)))
#define H2(b, c, d) _mm256_xor_si256(_mm256_xor_si256(b, c), d)
#define I2(b, c, d) _mm256_xor_si256(c, _mm256_or_si256(b, _mm256_xor_si256(d, ones)))

/*
 * One MD5 step for lanes 0 to 7 (registers a0..d0, words x0) and lanes 8 to 15 (a1..d1, x1),
 * interleaved so that each chain's latency hides the other's.
 */
#define STEP2(fn, a, b, c, d, word, constant, shift)                                             \
  do {                                                                                             \
    __m256i k = _mm256_set1_epi32((int)(constant));                                                \
    __m256i added0 = _mm256_add_epi32(fn(b##0, c##0, d##0), _mm256_add_epi32(x0[word], k));        \
    __m256i added1 = _mm256_add_epi32(fn(b##1, c##1, d##1), _mm256_add_epi32(x1[word], k));        \
    a##0 = _mm256_add_epi32(ROL2(_mm256_add_epi32(a##0, added0), shift), b##0);                    \
    a##1 = _mm256_add_epi32(ROL2(_mm256_add_epi32(a##1, added1), shift), b##1);                    \
  } while (0)

/* Eight rows of eight 32-bit words become eight columns: x[w] holds word w of every row. */
TARGET_AVX2 static void transpose8(const __m256i row[8], __m256i x[8]) {
  __m256i pairs[8], quads[8];
  for (int i = 0; i < 4; i++) {
    pairs[2 * i] = _mm256_unpacklo_epi32(row[2 * i], row[2 * i + 1]);
    pairs[2 * i + 1] = _mm256_unpackhi_epi32(row[2 * i], row[2 * i + 1]);
  }
  /* quads[4h + w]: word w (low 128 bits) and word w + 4 (high) of rows 4h to 4h + 3. */
  for (int h = 0; h < 2; h++) {
    quads[4 * h] = _mm256_unpacklo_epi64(pairs[4 * h], pairs[4 * h + 2]);
    quads[4 * h + 1] = _mm256_unpackhi_epi64(pairs[4 * h], pairs[4 * h + 2]);
    quads[4 * h + 2] = _mm256_unpacklo_epi64(pairs[4 * h + 1], pairs[4 * h + 3]);
    quads[4 * h + 3] = _mm256_unpackhi_epi64(pairs[4 * h + 1], pairs[4 * h + 3]);
  }
  for (int w = 0; w < 4; w++) {
    x[w] = _mm256_permute2x128_si256(quads[w], quads[4 + w], 0x20);
    x[w + 4] = _mm256_permute2x128_si256(quads[w], quads[4 + w], 0x31);
  }
}

/* One 64-byte block of each of eight lanes as sixteen words across them. */
TARGET_AVX2 static void load_words8(const lane_input *input, size_t first, size_t count,
                                    size_t block, __m256i x[16]) {
  static const uint8_t idle_block[64];
  __m256i low[8], high[8];
  for (size_t row = 0; row < 8; row++) {
    size_t lane = first + row;
    const uint8_t *at =
        lane < count && block < input[lane].blocks ? lane_block(&input[lane], block) : idle_block;
    low[row] = _mm256_loadu_si256((const __m256i *)at);
    high[row] = _mm256_loadu_si256((const __m256i *)(at + 32));
  }
  transpose8(low, x);
  transpose8(high, x + 8);
}

/* The digests of `count` lanes; the lanes past count are left idle. */
TARGET_AVX2 static void md5_x16_avx2(const lane_input *input, size_t count,
                                     uint8_t digest[LANES][16]) {
  const __m256i ones = _mm256_set1_epi32(-1);
  __m256i a0 = _mm256_set1_epi32(0x67452301), b0 = _mm256_set1_epi32((int)0xefcdab89),
          c0 = _mm256_set1_epi32((int)0x98badcfe), d0 = _mm256_set1_epi32(0x10325476);
  __m256i a1 = a0, b1 = b0, c1 = c0, d1 = d0;
  size_t most = 0;
  for (size_t lane = 0; lane < count; lane++)
    if (input[lane].blocks > most) most = input[lane].blocks;
  for (size_t block = 0; block < most; block++) {
    __m256i x0[16], x1[16];
    load_words8(input, 0, count, block, x0);
    load_words8(input, 8, count, block, x1);
    __m256i sa0 = a0, sb0 = b0, sc0 = c0, sd0 = d0, sa1 = a1, sb1 = b1, sc1 = c1, sd1 = d1;
    MD5_STEPS(STEP2, F2, G2, H2, I2);
    a0 = _mm256_add_epi32(a0, sa0);
    b0 = _mm256_add_epi32(b0, sb0);
    c0 = _mm256_add_epi32(c0, sc0);
    d0 = _mm256_add_epi32(d0, sd0);
    a1 = _mm256_add_epi32(a1, sa1);
    b1 = _mm256_add_epi32(b1, sb1);
    c1 = _mm256_add_epi32(c1, sc1);
    d1 = _mm256_add_epi32(d1, sd1);
    uint32_t finished = lanes_ending_at(input, count, block);
    if (finished != 0) {
      uint32_t words[4][LANES];
      _mm256_storeu_si256((__m256i *)words[0], a0);
      _mm256_storeu_si256((__m256i *)(words[0] + 8), a1);
      _mm256_storeu_si256((__m256i *)words[1], b0);
      _mm256_storeu_si256((__m256i *)(words[1] + 8), b1);
      _mm256_storeu_si256((__m256i *)words[2], c0);
      _mm256_storeu_si256((__m256i *)(words[2] + 8), c1);
      _mm256_storeu_si256((__m256i *)words[3], d0);
      _mm256_storeu_si256((__m256i *)(words[3] + 8), d1);
      copy_digests(finished, count, words, digest);
    }
  }
}

/* Whether this CPU (and its operating system) runs each instruction set; widest first. */
static int cpu_runs(const char *instruction_set) {
  __builtin_cpu_init();
  if (strcmp(instruction_set, "avx512") == 0) return __builtin_cpu_supports("avx512f") != 0;
  if (strcmp(instruction_set, "avx2") == 0) return __builtin_cpu_supports("avx2") != 0;
  return 0;
}

#define IMPLEMENTATIONS {{"avx512", md5_x16_avx512}, {"avx2", md5_x16_avx2}}
#else
static void md5_x16_none(const lane_input *input, size_t count, uint8_t digest[LANES][16]) {
  (void)input, (void)count, (void)digest;
}
static int cpu_runs(const char *instruction_set) {
  (void)instruction_set;
  return 0;
}
#define IMPLEMENTATIONS {{"none", md5_x16_none}}
#endif

typedef struct {
  const char *instruction_set;
  void (*run)(const lane_input *input, size_t count, uint8_t digest[LANES][16]);
} implementation;

static const implementation implementations[] = IMPLEMENTATIONS;
#define IMPLEMENTATION_COUNT (sizeof implementations / sizeof implementations[0])

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

/*
 * md5Lanes(bytes: Uint8Array, spans: Uint32Array, out: Uint8Array): undefined; the function's
 * data is the implementation it runs.
 */
static napi_value md5_lanes(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  void *data = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, &data) != napi_ok || argc != 3)
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
  ((const implementation *)data)->run(input, count, digest);
  memcpy(out, digest, count * 16);
  return NULL;
}

/*
 * Exports `supported` and, where supported, `instructionSet` and `md5Lanes` for the widest
 * implementation this CPU runs, and `byInstructionSet`: a function for each one it runs, so that
 * the tests check the narrower ones too on a CPU that would never use them.
 */
NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_value all, flag;
  const implementation *widest = NULL;
  if (napi_create_object(env, &all) != napi_ok) return NULL;
  for (size_t index = 0; index < IMPLEMENTATION_COUNT; index++) {
    const implementation *each = &implementations[index];
    if (!cpu_runs(each->instruction_set)) continue;
    napi_value function;
    if (napi_create_function(env, "md5Lanes", NAPI_AUTO_LENGTH, md5_lanes, (void *)each,
                             &function) != napi_ok ||
        napi_set_named_property(env, all, each->instruction_set, function) != napi_ok)
      return NULL;
    if (widest == NULL) {
      widest = each;
      napi_value name;
      if (napi_create_string_utf8(env, each->instruction_set, NAPI_AUTO_LENGTH, &name) !=
              napi_ok ||
          napi_set_named_property(env, exports, "instructionSet", name) != napi_ok ||
          napi_set_named_property(env, exports, "md5Lanes", function) != napi_ok)
        return NULL;
    }
  }
  if (napi_get_boolean(env, widest != NULL, &flag) != napi_ok ||
      napi_set_named_property(env, exports, "supported", flag) != napi_ok ||
      napi_set_named_property(env, exports, "byInstructionSet", all) != napi_ok)
    return NULL;
  return exports;
}
