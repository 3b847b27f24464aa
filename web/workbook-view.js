// The sheets of each workbook dropped: read (with their dataset) or skipped
// with the reason, each with a checkbox; the user picks the sheets to read
// and the files are analysed again with {"sheets": [...]}.
import { h } from './dom.js';

export function workbookCards(report, { t, pickSheets }) {
  return (report.workbooks ?? []).filter((workbook) => workbook.sheets.length).map((workbook, index) => {
    const boxes = workbook.sheets.map((sheet) => {
      const status = sheet.skipped ? t(`sheetSkipped.${sheet.skipped}`) : t('sheetRead');
      const input = h('input', { type: 'checkbox', value: sheet.name, checked: !sheet.skipped });
      return { input, item: h('li', {}, h('label', {}, [input, ` ${sheet.name} — ${status}`])) };
    });
    const pick = () => pickSheets?.(boxes.filter((b) => b.input.checked).map((b) => b.input.value));
    return h('section', { className: 'card workbook', 'aria-labelledby': `workbook-${index}` }, [
      h('h2', { id: `workbook-${index}` }, `${t('workbookSheets')}: ${workbook.name}`),
      h('ul', { className: 'sheet-list' }, boxes.map((b) => b.item)),
      pickSheets ? h('button', { type: 'button', onclick: pick }, t('pickSheets')) : null,
    ]);
  });
}
