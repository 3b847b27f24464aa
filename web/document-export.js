// The Sintesi as a document the agency pastes into its annual report:
// plain text and HTML (figures in bold) for the clipboard, and .docx and
// .odt files with the sentences, each chart as a PNG image and its table.
// The small ZIP and XML files are written here (zipStored, as the .xlsx
// export does) instead of bundling a document library: the two formats need
// a few hundred lines of markup, a library would add 100-300 KB to the page.
// Pure functions, tested in node and read back by LibreOffice.
import { escapeXml, zipStored } from './xlsx-export.js';

const escapeHtml = (text) => String(text)
  .replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

// A figure in a sentence: "30.131", "51,24%", "3,74", "+30%", "23/10/2023".
// A figure ends on a digit (or %): the full stop after it stays outside.
const FIGURE = /[+-]?\d(?:[\d.,/]*\d)?%?/g;

/**
 * The document: { title, sections: [{ heading, paragraphs: [[sentence]],
 * items: [{ title, png: { bytes, width, height } | null, rows: [[cell]] | null }] }] }.
 */

// Sections whose sentences continue the paragraph before: who answered and
// their profile, the overall figure and its trend, the crises and the tone.
const CONTINUES = { profile: 'respondents', trend: 'overall', negative: 'crises' };

/**
 * The findings as paragraphs of sentences, as the agency's reports read:
 * one paragraph per section (a combined summary: per dataset), in order.
 */
export function sintesiParagraphs(findings, lang) {
  const paragraphs = [];
  let last = null;
  for (const f of findings) {
    const group = f.dataset ?? CONTINUES[f.section] ?? f.section;
    const text = lang === 'en' ? f.en : f.it;
    if (group === last && paragraphs.length) paragraphs[paragraphs.length - 1].push(text);
    else paragraphs.push([text]);
    last = group;
  }
  return paragraphs;
}

/** The sentences as plain text: a heading line, then a paragraph per section. */
export function sintesiText(doc) {
  return doc.sections.map((s) => [s.heading, ...s.paragraphs.map((p) => p.join(' '))].join('\n\n')).join('\n\n');
}

/** The sentences as HTML paragraphs, the figures in bold; text from files escaped. */
export function sintesiHtml(doc) {
  const bold = (text) => escapeHtml(text).replace(FIGURE, (figure) => `<b>${figure}</b>`);
  return doc.sections.map((s) => `<h3>${escapeHtml(s.heading)}</h3>\n${
    s.paragraphs.map((p) => `<p>${p.map(bold).join(' ')}</p>`).join('\n')}`).join('\n');
}

// Images at most 16 cm wide, their proportions kept.
const MAX_WIDTH_CM = 16;
function imageSize(png) {
  const width = Math.min(MAX_WIDTH_CM, (png.width / 96) * 2.54 / 2); // PNGs are drawn at 2x
  return { widthCm: width, heightCm: width * (png.height / png.width) };
}

function images(doc) {
  const out = [];
  for (const s of doc.sections) for (const item of s.items ?? []) if (item.png) out.push(item);
  return out;
}

// ---- Office Open XML (.docx): ECMA-376 Part 1, WordprocessingML ----

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const wRun = (text, { bold = false, size = null } = {}) =>
  `<w:r>${bold || size ? `<w:rPr>${bold ? '<w:b/>' : ''}${size ? `<w:sz w:val="${size}"/>` : ''}</w:rPr>` : ''}` +
  `<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
const wParagraph = (runs, { keepNext = false } = {}) =>
  `<w:p>${keepNext ? '<w:pPr><w:keepNext/><w:spacing w:after="120"/></w:pPr>' : '<w:pPr><w:spacing w:after="120"/></w:pPr>'}${runs}</w:p>`;

function wTable(rows) {
  const columns = Math.max(...rows.map((r) => r.length));
  const cell = (text, header) => `<w:tc><w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="4" w:color="999999"/></w:tcBorders></w:tcPr>${
    wParagraph(wRun(text ?? '', { bold: header }))}</w:tc>`;
  return `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>${
    '<w:gridCol/>'.repeat(columns)}</w:tblGrid>${rows.map((row, i) => `<w:tr>${
    Array.from({ length: columns }, (_, c) => cell(row[c], i === 0)).join('')}</w:tr>`).join('')}</w:tbl>`;
}

function wImage(png, index) {
  const { widthCm, heightCm } = imageSize(png);
  const emu = (cm) => Math.round(cm * 360000);
  return wParagraph(`<w:r><w:drawing><wp:inline><wp:extent cx="${emu(widthCm)}" cy="${emu(heightCm)}"/>` +
    `<wp:docPr id="${index}" name="Grafico ${index}"/>` +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    `<pic:nvPicPr><pic:cNvPr id="${index}" name="grafico${index}.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="image${index}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${emu(widthCm)}" cy="${emu(heightCm)}"/></a:xfrm>` +
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>' +
    '</wp:inline></w:drawing></w:r>');
}

/** The document as .docx bytes. */
export function toDocx(doc) {
  const pictures = images(doc);
  const body = [wParagraph(wRun(doc.title, { bold: true, size: 36 }), { keepNext: true })];
  for (const s of doc.sections) {
    body.push(wParagraph(wRun(s.heading, { bold: true, size: 28 }), { keepNext: true }));
    for (const paragraph of s.paragraphs) body.push(wParagraph(wRun(paragraph.join(' '))));
    for (const item of s.items ?? []) {
      body.push(wParagraph(wRun(item.title, { bold: true }), { keepNext: true }));
      if (item.png) body.push(wImage(item.png, pictures.indexOf(item) + 1));
      if (item.rows?.length) body.push(wTable(item.rows), wParagraph(''));
    }
  }
  const document = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<w:document xmlns:w="${W}" xmlns:r="${R}" ` +
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">' +
    `<w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="0" w:footer="0" w:gutter="0"/>' +
    '</w:sectPr></w:body></w:document>';
  const relationships = pictures.map((_, i) =>
    `<Relationship Id="image${i + 1}" Type="${R}/image" Target="media/image${i + 1}.png"/>`).join('');
  return zipStored([
    { name: '[Content_Types].xml', text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="png" ContentType="image/png"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>' },
    { name: '_rels/.rels', text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>` },
    { name: 'word/_rels/document.xml.rels', text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships}</Relationships>` },
    { name: 'word/document.xml', text: document },
    ...pictures.map((item, i) => ({ name: `word/media/image${i + 1}.png`, bytes: item.png.bytes })),
  ]);
}

// ---- OpenDocument (.odt): OASIS ODF 1.2, text document ----

function odfTable(rows, index) {
  const columns = Math.max(...rows.map((r) => r.length));
  return `<table:table table:name="Tabella${index}"><table:table-column table:number-columns-repeated="${columns}"/>${
    rows.map((row, i) => `<table:table-row>${Array.from({ length: columns }, (_, c) =>
      `<table:table-cell office:value-type="string"><text:p>${
        escapeXml(row[c] ?? '')}</text:p></table:table-cell>`).join('')}</table:table-row>`).join('')}</table:table>`;
}

/** The document as .odt bytes; "mimetype" comes first and stored, as ODF requires. */
export function toOdt(doc) {
  const pictures = images(doc);
  const body = [`<text:h text:outline-level="1">${escapeXml(doc.title)}</text:h>`];
  let tables = 0;
  for (const s of doc.sections) {
    body.push(`<text:h text:outline-level="2">${escapeXml(s.heading)}</text:h>`);
    for (const paragraph of s.paragraphs) body.push(`<text:p>${escapeXml(paragraph.join(' '))}</text:p>`);
    for (const item of s.items ?? []) {
      body.push(`<text:h text:outline-level="3">${escapeXml(item.title)}</text:h>`);
      if (item.png) {
        const index = pictures.indexOf(item) + 1;
        const { widthCm, heightCm } = imageSize(item.png);
        body.push(`<text:p><draw:frame draw:name="Grafico${index}" text:anchor-type="as-char" ` +
          `svg:width="${widthCm.toFixed(2)}cm" svg:height="${heightCm.toFixed(2)}cm">` +
          `<draw:image xlink:href="Pictures/grafico${index}.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>` +
          '</draw:frame></text:p>');
      }
      if (item.rows?.length) body.push(odfTable(item.rows, ++tables));
    }
  }
  const content = '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ' +
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" ' +
    'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2">' +
    `<office:body><office:text>${body.join('')}</office:text></office:body></office:document-content>`;
  const manifest = '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
    pictures.map((_, i) => `<manifest:file-entry manifest:full-path="Pictures/grafico${i + 1}.png" manifest:media-type="image/png"/>`).join('') +
    '</manifest:manifest>';
  return zipStored([
    { name: 'mimetype', text: 'application/vnd.oasis.opendocument.text' },
    { name: 'content.xml', text: content },
    { name: 'META-INF/manifest.xml', text: manifest },
    ...pictures.map((item, i) => ({ name: `Pictures/grafico${i + 1}.png`, bytes: item.png.bytes })),
  ]);
}
