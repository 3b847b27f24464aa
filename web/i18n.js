// Every string the page shows, in Italian (default) and English. Messages
// for the core's error codes live here: the core sends codes, the page
// speaks the user's language.
export const LANGUAGES = ['it', 'en'];

const STRINGS = {
  it: {
    title: 'Ascolto',
    subtitle: 'Analisi dei dati di ascolto degli utenti, nel tuo browser: i dati non lasciano il computer.',
    dropHint: 'Trascina qui i file CSV oppure',
    chooseFiles: 'Scegli file CSV',
    urlLabel: 'Indirizzo di un dataset (URL)',
    loadUrl: 'Carica da URL',
    demo: 'Carica i dati dimostrativi',
    language: 'English',
    languageLabel: 'Switch to English',
    reading: 'Lettura di {name}: {rows} righe, {mb} MB ({speed} MB/s)',
    cancel: 'Annulla',
    cancelled: 'Analisi annullata.',
    fileSection: 'Lettura del file',
    rowsRead: 'Righe lette',
    rowsUsed: 'Righe analizzate',
    rowsRejected: 'Righe scartate',
    columns: 'Colonne',
    delimiter: 'Separatore',
    encoding: 'Codifica',
    lineEnding: 'Fine riga',
    header: 'Intestazione',
    yes: 'sì',
    no: 'no',
    kind: 'Tipo di dati',
    warnings: 'Avvisi',
    lines: 'righe',
    columnsSection: 'Colonne',
    colName: 'Nome',
    colType: 'Tipo',
    colRole: 'Ruolo',
    colMissing: 'Mancanti',
    colInvalid: 'Non validi',
    ratingsSection: 'Valutazioni',
    noRatings: 'Nessuna colonna di valutazione riconosciuta in questo file.',
    mean: 'Media',
    ci95: 'IC 95%',
    base: 'base',
    top2: 'Quota 4-5',
    share: 'Quota',
    count: 'Conteggi',
    level: 'Voto',
    suppressed: 'non mostrato (base inferiore a {min})',
    lowBase: 'base ridotta: stima poco affidabile',
    weighted: 'stime ponderate',
    notApplicable: '{n} risposte «non applicabile» escluse',
    distributionOf: 'Distribuzione di {name}',
    chartDescription: 'Grafico a barre: quota di risposte per voto da {min} a {max}. Media {mean}.',
    showTable: 'Mostra tabella dati',
    hideTable: 'Nascondi tabella dati',
    errorTitle: 'Il file {name} non può essere analizzato',
    errorLine: 'riga {line}',
    kinds: { survey: 'indagine', feedback: 'feedback', volumes: 'volumi', media: 'rassegna stampa', unknown: 'non riconosciuto' },
    types: {
      empty: 'vuota', boolean: 'sì/no', integer: 'intero', decimal: 'decimale', date: 'data',
      datetime: 'data e ora', month: 'mese', categorical: 'categorie', text: 'testo libero',
    },
    roles: {
      none: '—', rating: 'valutazione', weight: 'peso', date: 'data', period: 'periodo',
      application: 'applicativo', channel: 'canale', dimension: 'dimensione', comment: 'commento',
      identifier: 'identificativo',
    },
    warningMessages: {
      empty_header: 'Una colonna non ha nome nell’intestazione: le è stato dato un nome automatico.',
      duplicate_header: 'Un nome di colonna è ripetuto: alla seconda è stato aggiunto un suffisso.',
      too_few_fields: 'Righe con meno campi dell’intestazione: scartate.',
      too_many_fields: 'Righe con più campi dell’intestazione: scartate.',
      trailing_empty_fields: 'Righe che finiscono con campi vuoti oltre l’intestazione: campi ignorati.',
      empty_row: 'Righe con soli campi vuoti: scartate.',
      invalid_value: 'Valori che non corrispondono al tipo della colonna: trattati come mancanti.',
      rating_out_of_scale: 'Valutazioni fuori scala: escluse dalle statistiche.',
      unusable_weight: 'Righe senza un peso positivo: escluse dalle stime ponderate.',
      unknown_column: 'Una colonna indicata nella configurazione non è nel file.',
    },
    errors: {
      empty_file: 'Il file è vuoto: non ci sono righe da analizzare.',
      header_only: 'Il file ha solo la riga di intestazione, senza dati.',
      binary_data: 'Il file non sembra un testo (contiene byte nulli): è davvero un CSV?',
      unterminated_quote: 'Un campo tra virgolette non viene mai chiuso: il file finisce dentro le virgolette.',
      field_too_large: 'Un campo supera la dimensione massima: il separatore o le virgolette sono corretti?',
      too_many_columns: 'Il file ha più colonne del limite consentito.',
      invalid_config: 'La configurazione non è valida.',
      out_of_memory: 'Il file è troppo grande per la memoria disponibile nel browser.',
      network_error: 'Impossibile scaricare il dataset: controlla l’indirizzo e la rete.',
      http_error: 'Il server ha rifiutato la richiesta del dataset.',
      cancelled: 'Analisi annullata.',
      internal: 'Errore interno: segnalalo allegando il file che lo ha causato.',
    },
  },
  en: {
    title: 'Ascolto',
    subtitle: 'Analysis of user-listening data, in your browser: the data never leaves your computer.',
    dropHint: 'Drop CSV files here or',
    chooseFiles: 'Choose CSV files',
    urlLabel: 'Dataset address (URL)',
    loadUrl: 'Load from URL',
    demo: 'Load the demo data',
    language: 'Italiano',
    languageLabel: 'Passa all’italiano',
    reading: 'Reading {name}: {rows} rows, {mb} MB ({speed} MB/s)',
    cancel: 'Cancel',
    cancelled: 'Analysis cancelled.',
    fileSection: 'How the file was read',
    rowsRead: 'Rows read',
    rowsUsed: 'Rows analysed',
    rowsRejected: 'Rows rejected',
    columns: 'Columns',
    delimiter: 'Delimiter',
    encoding: 'Encoding',
    lineEnding: 'Line ending',
    header: 'Header',
    yes: 'yes',
    no: 'no',
    kind: 'Kind of data',
    warnings: 'Warnings',
    lines: 'lines',
    columnsSection: 'Columns',
    colName: 'Name',
    colType: 'Type',
    colRole: 'Role',
    colMissing: 'Missing',
    colInvalid: 'Invalid',
    ratingsSection: 'Ratings',
    noRatings: 'No rating column was recognized in this file.',
    mean: 'Mean',
    ci95: '95% CI',
    base: 'base',
    top2: 'Share 4-5',
    share: 'Share',
    count: 'Counts',
    level: 'Rating',
    suppressed: 'not shown (base below {min})',
    lowBase: 'small base: low reliability',
    weighted: 'weighted estimates',
    notApplicable: '{n} “not applicable” answers left out',
    distributionOf: 'Distribution of {name}',
    chartDescription: 'Bar chart: share of answers per rating from {min} to {max}. Mean {mean}.',
    showTable: 'Show data table',
    hideTable: 'Hide data table',
    errorTitle: 'The file {name} cannot be analysed',
    errorLine: 'line {line}',
    kinds: { survey: 'survey', feedback: 'feedback', volumes: 'volumes', media: 'media monitoring', unknown: 'not recognized' },
    types: {
      empty: 'empty', boolean: 'yes/no', integer: 'integer', decimal: 'decimal', date: 'date',
      datetime: 'date and time', month: 'month', categorical: 'categories', text: 'free text',
    },
    roles: {
      none: '—', rating: 'rating', weight: 'weight', date: 'date', period: 'period',
      application: 'application', channel: 'channel', dimension: 'dimension', comment: 'comment',
      identifier: 'identifier',
    },
    errors: {
      empty_file: 'The file is empty: it has no rows to analyse.',
      header_only: 'The file has a header row but no data rows.',
      binary_data: 'The file does not look like text (it contains NUL bytes): is it a CSV file?',
      unterminated_quote: 'A quoted field is never closed: the file ends inside quotes.',
      field_too_large: 'A field is larger than the size limit: are the delimiter and quotes right?',
      too_many_columns: 'The file has more columns than the limit.',
      invalid_config: 'The configuration is not valid.',
      out_of_memory: 'The file is too large for the memory the browser allows.',
      network_error: 'The dataset could not be downloaded: check the address and the network.',
      http_error: 'The server refused the request for the dataset.',
      cancelled: 'Analysis cancelled.',
      internal: 'Internal error: please report it with the file that caused it.',
    },
  },
};

/** A translator for `lang`: t('key', {vars}) or t('types.integer'). */
export function translator(lang) {
  const table = STRINGS[lang] ?? STRINGS.it;
  return (key, vars = {}) => {
    const text = key.split('.').reduce((node, part) => node?.[part], table) ?? key;
    return String(text).replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
  };
}

/** The core's error in the user's language, or the core's English message. */
export function errorMessage(lang, error) {
  const t = translator(lang);
  const known = t(`errors.${error.code}`);
  return known === `errors.${error.code}` ? error.message : known;
}

/** A warning in the user's language; English keeps the core's own message. */
export function warningMessage(lang, warning) {
  if (lang === 'en') return warning.message;
  const known = translator(lang)(`warningMessages.${warning.code}`);
  return known === `warningMessages.${warning.code}` ? warning.message : known;
}
