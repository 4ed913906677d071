// Screenshots compared with reviewed reference images: a small PNG reader (8-bit RGB or
// RGBA, not interlaced, as WebKit writes them) and a comparison on a coarse grid of grey
// levels, so a layout is checked while anti-aliasing and a figure's last digit are not.
import { inflateSync } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** { width, height, grey } of a PNG's bytes, grey one byte (0–255) per pixel. */
export function readPng(bytes) {
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      channels = { 2: 3, 6: 4 }[colour];
      if (depth !== 8 || !channels || interlace) throw new Error(`an unread PNG kind (depth ${depth}, colour ${colour})`);
    } else if (type === 'IDAT') {
      data.push(body);
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predicted = [0, a, b, (a + b) >> 1, paeth()][filter] ?? 0;
      pixels[y * stride + x] = (line[x] + predicted) & 0xff;
    }
  }
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    grey[i] = Math.round(0.299 * pixels[p] + 0.587 * pixels[p + 1] + 0.114 * pixels[p + 2]);
  }
  return { width, height, grey };
}

/** The image averaged into `columns` × `rows` cells of grey. */
export function grid({ width, height, grey }, columns, rows) {
  const cells = new Float64Array(columns * rows);
  const counts = new Float64Array(columns * rows);
  for (let y = 0; y < height; y++) {
    const row = Math.min(rows - 1, Math.floor((y * rows) / height));
    for (let x = 0; x < width; x++) {
      const cell = row * columns + Math.min(columns - 1, Math.floor((x * columns) / width));
      cells[cell] += grey[y * width + x];
      counts[cell] += 1;
    }
  }
  return cells.map((sum, i) => sum / Math.max(counts[i], 1));
}

/** The share of grid cells whose grey differs by more than `tolerance` between two PNGs. */
export function difference(a, b, columns = 48, rows = 24, tolerance = 40) {
  const [ga, gb] = [grid(readPng(a), columns, rows), grid(readPng(b), columns, rows)];
  let differing = 0;
  for (let i = 0; i < ga.length; i++) if (Math.abs(ga[i] - gb[i]) > tolerance) differing++;
  return differing / ga.length;
}

/** Compares `png` with the reviewed reference at `path` (written afresh, for review, when
 * DAFTAR_UPDATE_REFERENCES is set): gives the share of the grid that differs. */
export function againstReference(png, path) {
  if (process.env.DAFTAR_UPDATE_REFERENCES || !existsSync(path)) {
    if (!process.env.DAFTAR_UPDATE_REFERENCES) throw new Error(`no reference image ${path}; write it with DAFTAR_UPDATE_REFERENCES=1 and review it`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
    return 0;
  }
  return difference(png, readFileSync(path));
}
