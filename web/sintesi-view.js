// The Sintesi: the findings the core wrote as sentences (report.sintesi),
// in the page's language, first in each dataset. Text only.
import { h } from './dom.js';

export function sintesiCard(dataset, { t, lang }) {
  const findings = dataset.sintesi?.findings ?? [];
  if (!findings.length) return null;
  return h('section', { className: 'card sintesi', 'aria-labelledby': `${dataset.id}-sintesi` }, [
    h('h3', { id: `${dataset.id}-sintesi` }, t('sintesiTitle')),
    h('ul', {}, findings.map((f) => h('li', { className: `finding ${f.kind}` }, lang === 'en' ? f.en : f.it))),
  ]);
}
