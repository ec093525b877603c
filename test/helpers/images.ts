// Small real images for the photo tests, made here rather than kept as binary files: a PNG with
// a colour gradient (zlib-compressed rows, CRCs) and a baseline greyscale JPEG of one flat tone
// (each 8×8 block is a zero DC difference and an end-of-block, with one-symbol Huffman tables).
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of width × height pixels; `seed` varies the colours so two images differ. */
export function pngImage(width: number, height: number, seed = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) rows.set([(x * 4 + seed) & 255, (y * 4) & 255, (seed * 7) & 255], row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function segment(marker: number, data: number[]): Buffer {
  return Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 255, ...data]);
}

/** A baseline greyscale JPEG of width × height pixels, one flat grey. */
export function jpegImage(width: number, height: number): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  // Two bits a block ('0' DC category 0, '0' end of block), padded with 1 bits to a whole byte.
  const bits = blocks * 2;
  const scan = Buffer.alloc(Math.ceil(bits / 8), 0);
  if (bits % 8 !== 0) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1;
  const oneSymbolTable = (cls: number) => [cls << 4, 1, ...new Array<number>(15).fill(0), 0];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF 1.1, no thumbnail
    segment(0xdb, [0, ...new Array<number>(64).fill(1)]), // quantisation table 0: all ones
    segment(0xc0, [8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]), // SOF0, one component
    segment(0xc4, oneSymbolTable(0)), // DC table 0: category 0 is code '0'
    segment(0xc4, oneSymbolTable(1)), // AC table 0: end of block is code '0'
    segment(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS: component 1 uses tables 0/0, spectral 0..63
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}
