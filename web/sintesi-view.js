// The Sintesi: the findings the core wrote as sentences (report.sintesi
// and each dataset's sintesi), in the page's language, first in the report.
// Its actions: copy (plain text, and HTML with the figures in bold),
// .docx and .odt documents with the sentences, each chart as an image and
// its table, and print. Text only: sentences hold text from files.
import { h } from './dom.js';
import { chartPng } from './chart-draw.js';
import { base64ToBytes, download, fileName, tableRows } from './export.js';
import { sintesiHtml, sintesiParagraphs, sintesiText, toDocx, toOdt } from './document-export.js';

const paragraphsOf = (sintesi, lang) => sintesiParagraphs(sintesi?.findings ?? [], lang);

/** The charts and tables of a dataset's section, as document items (drawn now if still waiting). */
function sectionItems(section) {
  const items = [];
  for (const card of section.querySelectorAll('article.card')) {
    const title = card.querySelector('h4')?.textContent.trim() ?? '';
    const box = card.querySelector('.chart');
    const image = box ? chartPng(box) : null;
    const table = card.querySelector('table');
    if (!image && !table) continue;
    items.push({
      title,
      png: image ? { bytes: base64ToBytes(image.dataUrl.split(',', 2)[1]), width: image.width, height: image.height } : null,
      rows: table ? tableRows(table) : null,
    });
  }
  return items;
}

// Paragraphs as the agency's reports read (see sintesiParagraphs), each
// sentence a span that names its kind.
function findingParagraphs(findings, lang) {
  const paragraphs = [];
  let at = 0;
  for (const texts of sintesiParagraphs(findings, lang)) {
    const spans = [];
    for (const text of texts) {
      if (spans.length) spans.push(' ');
      spans.push(h('span', { className: `finding ${findings[at++].kind}` }, text));
    }
    paragraphs.push(h('p', { className: 'findings' }, spans));
  }
  return paragraphs;
}

// Copy, documents and print; `documentOf()` builds the document when asked.
function actions({ t }, documentOf) {
  const status = h('p', { className: 'note', role: 'status' });
  const button = (label, action) => {
    const b = h('button', { type: 'button', className: 'link export' }, label);
    b.addEventListener('click', action);
    return b;
  };
  const save = (extension, write, type) => {
    const doc = documentOf();
    download(fileName(doc.title, extension), new Blob([write(doc)], { type }));
  };
  const copy = async () => {
    const doc = documentOf();
    try {
      if (typeof ClipboardItem === 'function' && navigator.clipboard?.write) {
        await navigator.clipboard.write([new ClipboardItem({
          'text/plain': new Blob([sintesiText(doc)], { type: 'text/plain' }),
          'text/html': new Blob([sintesiHtml(doc)], { type: 'text/html' }),
        })]);
      } else {
        await navigator.clipboard.writeText(sintesiText(doc));
      }
      status.textContent = t('sintesiCopied');
    } catch {
      status.textContent = t('sintesiCopyFailed');
    }
  };
  return [
    h('p', { className: 'card-actions sintesi-actions' }, [
      button(t('sintesiCopy'), copy),
      button(t('sintesiDocx'), () => save('docx', toDocx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
      button(t('sintesiOdt'), () => save('odt', toOdt, 'application/vnd.oasis.opendocument.text')),
      button(t('sintesiPrint'), () => window.print()),
      h('span', { className: 'note' }, t('sintesiDocumentNote')),
    ]),
    status,
  ];
}

function incompleteNote(sintesi, t) {
  return sintesi?.incomplete?.length
    ? h('p', { className: 'note' }, t('sintesiIncomplete', { sections: sintesi.incomplete.join(', ') }))
    : null;
}

/** One dataset's Sintesi card; its documents hold the dataset's charts and tables too. */
export function sintesiCard(dataset, context) {
  const { t, lang } = context;
  const findings = dataset.sintesi?.findings ?? [];
  if (!findings.length) return null;
  const card = h('section', { className: 'card sintesi', 'aria-labelledby': `${dataset.id}-sintesi` }, [
    h('h3', { id: `${dataset.id}-sintesi` }, t('sintesiTitle')),
    ...findingParagraphs(findings, lang),
    incompleteNote(dataset.sintesi, t),
  ]);
  card.append(...actions(context, () => ({
    title: `${t('sintesiTitle')} · ${dataset.name}`,
    sections: [{
      heading: dataset.name,
      paragraphs: paragraphsOf(dataset.sintesi, lang),
      items: sectionItems(card.closest('section.dataset') ?? card),
    }],
  })));
  return card;
}

/**
 * The combined Sintesi of several datasets, first on the page; its
 * documents hold the whole report: the combined sentences, then each
 * dataset's sentences, charts and tables.
 */
export function combinedSintesiCard(report, context) {
  const { t, lang } = context;
  const findings = report.sintesi?.findings ?? [];
  if (!findings.length) return null;
  const card = h('section', { className: 'card sintesi combined', 'aria-labelledby': 'sintesi-combined' }, [
    h('h2', { id: 'sintesi-combined' }, t('sintesiCombined')),
    ...findingParagraphs(findings, lang),
  ]);
  card.append(...actions(context, () => {
    const datasets = [...(card.parentElement?.querySelectorAll(':scope > section.dataset') ?? [])];
    return {
      title: t('sintesiTitle'),
      sections: [
        { heading: t('sintesiCombined'), paragraphs: paragraphsOf(report.sintesi, lang), items: [] },
        // Section elements and report datasets come in the same order.
        ...report.datasets.map((d, i) => ({ dataset: d, section: datasets[i] }))
          .filter(({ dataset }) => !dataset.error)
          .map(({ dataset, section }) => ({
            heading: dataset.name,
            paragraphs: paragraphsOf(dataset.sintesi, lang),
            items: section ? sectionItems(section) : [],
          })),
      ],
    };
  }));
  return card;
}
