// After `vite build`: a brotli (.br) and a gzip (.gz) copy beside each text file of dist/, made once
// at build time at the strongest settings, so that the server sends them as they are (fastify-static's
// preCompressed) instead of compressing on every request — or not at all, as it did before.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|ttf|otf|woff|webmanifest|ico)$/i;
let files = 0;
let before = 0;
let brotli = 0;

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (COMPRESSIBLE.test(entry.name)) compress(full);
  }
}

function compress(file) {
  const source = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } });
  const gz = zlib.gzipSync(source, { level: 9 });
  // A copy that saves nothing (an already-compressed font) is not worth a second file.
  if (br.length < source.length * 0.95) fs.writeFileSync(`${file}.br`, br);
  if (gz.length < source.length * 0.95) fs.writeFileSync(`${file}.gz`, gz);
  files += 1;
  before += source.length;
  brotli += Math.min(br.length, source.length);
}

walk(dist);
console.log(`precompressed ${files} files: ${(before / 1024).toFixed(0)} kB → ${(brotli / 1024).toFixed(0)} kB with brotli`);
