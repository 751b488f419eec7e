import sharp from "sharp";
const [,, src, out, top, height, width] = process.argv;
const meta = await sharp(src).metadata();
await sharp(src).extract({ left: 0, top: +top, width: Math.min(+(width||meta.width), meta.width), height: Math.min(+height, meta.height - +top) }).toFile(out);
