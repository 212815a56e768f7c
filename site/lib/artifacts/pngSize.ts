/** Width and height from a PNG's IHDR chunk (bytes 16–23), so <img> tags get real dimensions. */
export function pngSize(bytes: Uint8Array, name = 'image'): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error(`${name} is not a PNG file (bad signature).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
