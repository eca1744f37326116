import { crc32c } from '@node-rs/crc32';
import {
  encodeRecord,
  parseRecordAt,
  createRecordView,
  recordBytesFor,
} from './dist/record-format.js';
const n = 16384,
  size = 1024,
  rb = recordBytesFor(size);
const buf = Buffer.allocUnsafe(n * rb);
for (let i = 0; i < n; i++) encodeRecord(buf, i * rb, i, 1, 1, Buffer.alloc(size, i));
const view = createRecordView();
function bench(name, fn) {
  for (let w = 0; w < 20; w++) fn();
  const c0 = process.cpuUsage();
  const t = performance.now();
  let reps = 0;
  while (performance.now() - t < 1500) {
    fn();
    reps++;
  }
  const c = process.cpuUsage(c0);
  const ns = ((c.user + c.system) * 1e3) / (reps * n);
  console.log(name, ns.toFixed(0), 'ns/record (cpu)', ((rb / ns) * 1e3).toFixed(0), 'MB/s');
}
bench('parse only', () => {
  for (let i = 0, at = 0; i < n; i++) {
    parseRecordAt(buf, at, buf.length, view);
    at += view.recordBytes;
  }
});
bench('parse + payload subarray + object', () => {
  const out = [];
  for (let i = 0, at = 0; i < n; i++) {
    parseRecordAt(buf, at, buf.length, view);
    out.push({
      offset: view.offset,
      epoch: view.epoch,
      type: view.type,
      payload: buf.subarray(view.payloadStart, view.payloadEnd),
    });
    at += view.recordBytes;
  }
});
bench('crc via subarray', () => {
  for (let i = 0, at = 0; i < n; i++) {
    crc32c(buf.subarray(at + 8, at + rb));
    at += rb;
  }
});
const ab = buf.buffer,
  bo = buf.byteOffset;
bench('crc via new Uint8Array', () => {
  for (let i = 0, at = 0; i < n; i++) {
    crc32c(new Uint8Array(ab, bo + at + 8, rb - 8));
    at += rb;
  }
});
bench('Buffer.from(ab) payload', () => {
  const out = [];
  for (let i = 0, at = 0; i < n; i++) {
    out.push(Buffer.from(ab, bo + at + 25, size));
    at += rb;
  }
});
bench('subarray payload', () => {
  const out = [];
  for (let i = 0, at = 0; i < n; i++) {
    out.push(buf.subarray(at + 25, at + rb));
    at += rb;
  }
});
bench('crc32c one call whole', () => {
  crc32c(buf);
});
