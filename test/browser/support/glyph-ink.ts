import type { Page } from 'playwright-core';

/** Where each glyph sits in an element that shows `text`, in pixels from the element's corner. */
const GLYPH_COLUMNS = `(element, { text, glyphs }) => {
  const box = element.getBoundingClientRect();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let all = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push({ node, from: all.length });
    all += node.data.replace(/\\u00a0/g, ' ');
  }
  const start = all.indexOf(text);
  if (start < 0) throw new Error('text not shown: ' + all);
  const at = (offset) => {
    const hit = nodes.filter((n) => n.from <= offset).at(-1);
    return [hit.node, offset - hit.from];
  };
  const columns = {};
  for (const glyph of glyphs) {
    const offset = start + text.indexOf(glyph);
    const range = document.createRange();
    range.setStart(...at(offset));
    range.setEnd(...at(offset + 1));
    const r = range.getBoundingClientRect();
    columns[glyph] = [Math.round(r.left - box.left), Math.round(r.right - box.left)];
  }
  return columns;
}`;

/** Per glyph: how many pixel rows hold ink (pixels unlike `background`) in its columns. */
const INK_ROWS = `async ({ png, columns, background }) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  const { data } = g.getImageData(0, 0, image.width, image.height);
  const heights = {};
  for (const [glyph, [from, to]] of Object.entries(columns)) {
    let rows = 0;
    for (let y = 0; y < image.height; y++) {
      let ink = false;
      for (let x = Math.max(0, from); x < Math.min(to, image.width) && !ink; x++) {
        const i = (y * image.width + x) * 4;
        ink = [0, 1, 2].some((c) => Math.abs(data[i + c] - background[c]) > 40);
      }
      if (ink) rows++;
    }
    heights[glyph] = rows;
  }
  return heights;
}`;

/**
 * How many pixel rows of ink each of `glyphs` shows where the element `selector` selects
 * displays `text`, read from a screenshot of the element (as a learner sees it, cut where the
 * element cuts it). The page functions are strings: the tests are compiled without DOM types.
 */
export async function glyphInk(
  page: Page,
  selector: string,
  text: string,
  glyphs: string[],
  background: [number, number, number],
): Promise<Record<string, number>> {
  const element = `document.querySelector(${JSON.stringify(selector)})`;
  const columns = await page.evaluate<Record<string, [number, number]>>(
    `(${GLYPH_COLUMNS})(${element}, ${JSON.stringify({ text, glyphs })})`,
  );
  const png = (await page.locator(selector).screenshot()).toString('base64');
  return page.evaluate<Record<string, number>>(
    `(${INK_ROWS})(${JSON.stringify({ png, columns, background })})`,
  );
}

/**
 * The same text in a plain element with the font of the element `fontOf` selects, with room
 * above and below: the glyphs as they look whole. The caller removes it.
 */
export async function referenceText(page: Page, fontOf: string, text: string): Promise<string> {
  await page.evaluate(`(() => {
    const style = getComputedStyle(document.querySelector(${JSON.stringify(fontOf)}));
    const reference = document.createElement('div');
    reference.id = 'glyph-reference';
    Object.assign(reference.style, {
      position: 'fixed', left: '0', top: '0', zIndex: '100000', padding: '12px',
      background: '#1e1e1e', color: '#ffffff', whiteSpace: 'pre', lineHeight: '3',
      fontFamily: style.fontFamily, fontSize: style.fontSize,
    });
    reference.textContent = ${JSON.stringify(text)};
    document.body.append(reference);
  })()`);
  return '#glyph-reference';
}
