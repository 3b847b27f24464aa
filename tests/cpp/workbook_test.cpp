// Workbooks (issue 18): what each cell of an .xlsx or .ods becomes, the
// sheets read or skipped, and the files refused with their reason. Every
// workbook is served whole and in 7-byte pieces, with the same result.
#include <catch2/catch.hpp>

#include <memory>

#include "cli/workbook_file.hpp"
#include "helpers.hpp"
#include "spreadsheet/cells.hpp"
#include "spreadsheet/workbook.hpp"
#include "workbook_helpers.hpp"

namespace {

using namespace ascolto;
using namespace ascolto::spreadsheet;

struct Sheet {
  SheetFacts facts;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  std::vector<std::size_t> point_decimal;
  Error error;
  Warnings warnings;
};

// Records what the sheet readers send to the table builder.
class Recorder : public table::TableBuilder {
 public:
  Recorder(Sheet& sheet) : TableBuilder(sheet.warnings), sheet_(sheet) {}
  void on_header(const std::vector<std::string_view>& names, std::uint64_t) override {
    sheet_.header.assign(names.begin(), names.end());
  }
  void on_row(const std::vector<std::string_view>& fields, std::uint64_t line) override {
    sheet_.rows.emplace_back(fields.begin(), fields.end());
    sheet_.lines.push_back(line);
  }

 private:
  Sheet& sheet_;
};

struct Book : SheetSink, TextFileSink {
  std::vector<std::unique_ptr<Sheet>> sheets;
  std::vector<std::unique_ptr<Recorder>> recorders;
  std::vector<std::pair<std::string, std::string>> skipped;
  std::vector<std::string> text_files;
  Error error;
  std::string format;

  table::TableBuilder& begin_sheet(const SheetFacts& facts, Warnings*& warnings) override {
    sheets.push_back(std::make_unique<Sheet>());
    sheets.back()->facts = facts;
    warnings = &sheets.back()->warnings;
    recorders.push_back(std::make_unique<Recorder>(*sheets.back()));
    return *recorders.back();
  }
  void end_sheet(const SheetFacts& facts, const Error& e) override {
    sheets.back()->facts = facts;
    sheets.back()->error = e;
  }
  void skip_sheet(const SheetFacts& facts, const std::string& reason) override {
    skipped.emplace_back(facts.sheet, reason);
  }
  void begin_text_file(const std::string& name, std::uint64_t) override {
    text_files.push_back(name + ":");
  }
  Error text_bytes(std::string_view bytes) override {
    text_files.back() += bytes;
    return {};
  }
  void end_text_file() override {}
  const Sheet& sheet(std::size_t i) const {
    REQUIRE(i < sheets.size());
    return *sheets[i];
  }
};

std::unique_ptr<Book> read_with(const std::string& file, std::size_t piece,
                                WorkbookOptions options = {}) {
  auto book = std::make_unique<Book>();
  WorkbookReader reader("book.xlsx", file.size(), options, *book, *book);
  test::drive(reader, file, piece);
  book->error = reader.error();
  book->format = reader.format();
  return book;
}

// Read whole and in 7-byte pieces: the same rows, facts and errors.
std::unique_ptr<Book> read(const std::string& file, WorkbookOptions options = {}) {
  auto whole = read_with(file, file.size() + 1, options);
  auto pieces = read_with(file, 7, options);
  CHECK(whole->error.code == pieces->error.code);
  CHECK(whole->skipped == pieces->skipped);
  REQUIRE(whole->sheets.size() == pieces->sheets.size());
  for (std::size_t i = 0; i < whole->sheets.size(); ++i) {
    CHECK(whole->sheets[i]->header == pieces->sheets[i]->header);
    CHECK(whole->sheets[i]->rows == pieces->sheets[i]->rows);
    CHECK(whole->sheets[i]->lines == pieces->sheets[i]->lines);
  }
  return whole;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("xlsx cells: shared, inline and rich strings, numbers, booleans, errors, formulas",
          "[workbook]") {
  const std::string strings =
      "<si><t>canale</t></si><si><t>voto</t></si><si><t>nota</t></si>"
      "<si><r><t>Sportello</t></r><r><rPr/><t xml:space=\"preserve\"> &amp; web</t></r>"
      "<rPh><t>PHONETIC</t></rPh></si><si><t>a_x000D_b</t></si>";
  const std::string data =
      "<sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
      "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>ok</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"B2\"><v>4.5</v></c>"
      "<c r=\"C2\" t=\"inlineStr\"><is><t>=SUM(A1:A9)</t></is></c><c r=\"D2\" "
      "t=\"b\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c><c r=\"B3\" t=\"e\"><v>#DIV/0!</v></c>"
      "<c r=\"C3\" t=\"str\"><f>A3&amp;\"x\"</f><v>computed</v></c><c r=\"D3\" "
      "t=\"b\"><v>0</v></c></row>"
      "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"B5\"><f t=\"shared\" "
      "si=\"0\"/><v>1.5E-3</v></c><c r=\"C5\"><f>1/0</f></c><c r=\"D5\" "
      "t=\"e\"><v>#N/D</v></c></row>"
      "</sheetData>";
  const auto book = read(test::make_xlsx({{"Dati", data}}, strings));
  REQUIRE(book->format == "xlsx");
  const Sheet& s = book->sheet(0);
  CHECK(s.header == std::vector<std::string>{"canale", "voto", "nota", "ok"});
  CHECK(s.rows == Rows{{"Sportello & web", "4.5", "=SUM(A1:A9)", "true"},
                       {"a\rb", "", "computed", "false"},
                       {"x", "1.5E-3", "", ""}});
  CHECK(s.lines == std::vector<std::uint64_t>{2, 3, 5});  // sheet rows, a blank one skipped
  CHECK(s.facts.error_cells == 2);
  CHECK(s.facts.formulas_without_value == 1);
  CHECK(s.facts.blank_rows == 1);
  CHECK(s.warnings.count("error_value") == 2);
  CHECK(s.warnings.count("formula_without_value") == 1);
}

TEST_CASE("xlsx dates: built-in and custom formats, the 1900 system's phantom day, 1904",
          "[workbook]") {
  const std::string styles =
      "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"&quot;giorni&quot;\\ 0.00\"/></numFmts>"
      "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
      "<xf numFmtId=\"165\"/><xf numFmtId=\"46\"/></cellXfs>";
  const std::string data =
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>data</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>ora</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>n</t>"
      "</is></c></row>"
      "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45292</v></c><c r=\"B2\" s=\"2\"><v>45292.75</v></c>"
      "<c r=\"C2\" s=\"3\"><v>45292</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>59</v></c><c r=\"B3\" s=\"2\"><v>61.5</v></c>"
      "<c r=\"C3\" s=\"4\"><v>1.5</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>60</v></c><c r=\"B4\" s=\"1\"><v>1</v></c>"
      "<c r=\"C4\"><v>7</v></c></row></sheetData>";
  const auto book = read(test::make_xlsx({{"Date", data}}, "", styles));
  const Sheet& s = book->sheet(0);
  CHECK(s.facts.date_system == "1900");
  CHECK(s.rows == Rows{{"2024-01-01", "2024-01-01T18:00:00", "45292"},
                       {"1900-02-28", "1900-03-01T12:00:00", "1.5"},
                       {"", "1900-01-01", "7"}});
  CHECK(s.facts.error_cells == 1);  // serial 60: 29 February 1900, a day that never was

  const auto book1904 = read(test::make_xlsx({{"Date", data}}, "", styles, true));
  CHECK(book1904->sheet(0).facts.date_system == "1904");
  CHECK(book1904->sheet(0).rows[0][0] == "2028-01-02");  // 45292 days after 1904-01-01
  CHECK(book1904->sheet(0).rows[2][0] == "1904-03-01");

  CHECK(number_format_shows("[$-410]d mmmm yyyy") == NumberShows::date);
  CHECK(number_format_shows("h:mm") == NumberShows::time);
  CHECK(number_format_shows("[h]:mm:ss") == NumberShows::number);
  CHECK(number_format_shows("#,##0.00 \"€\"") == NumberShows::number);
  CHECK(number_format_shows("General") == NumberShows::number);
  CHECK(number_format_shows("0.00%") == NumberShows::percent);
  CHECK(builtin_format_shows(10) == NumberShows::percent);
  CHECK(percent_text("0.625") == "62.5%");
  CHECK(percent_text("1") == "100%");
  CHECK(percent_text("-0.05") == "-5%");
  CHECK(percent_text("0.001") == "0.1%");
  CHECK(percent_text("12.3456") == "1234.56%");
  CHECK(percent_text("1.5E-3") == "0.15%");
}

TEST_CASE("xlsx layout: a merged title, a table from column B, hidden rows and columns",
          "[workbook]") {
  const std::string data =
      "<cols><col min=\"3\" max=\"3\" hidden=\"1\"/></cols><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Rilevazione 2023</t></is></c></row>"
      "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>sede</t></is></c>"
      "<c r=\"C3\" t=\"inlineStr\"><is><t>voto</t></is></c><c r=\"D3\" t=\"inlineStr\"><is><t>n</t>"
      "</is></c></row>"
      "<row r=\"4\"><c r=\"B4\" t=\"inlineStr\"><is><t>Roma</t></is></c><c r=\"C4\"><v>4</v></c>"
      "<c r=\"D4\"><v>10</v></c></row>"
      "<row r=\"5\" hidden=\"1\"><c r=\"B5\" t=\"inlineStr\"><is><t>Milano</t></is></c>"
      "<c r=\"C5\"><v>3</v></c></row>"
      "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>nota a margine</t></is></c>"
      "<c r=\"B6\" t=\"inlineStr\"><is><t>Bari</t></is></c><c r=\"D6\"><v>2</v></c></row>"
      "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:D1\"/></mergeCells>";
  const auto book = read(test::make_xlsx({{"Foglio1", data}}));
  const Sheet& s = book->sheet(0);
  CHECK(s.facts.preamble.records == 1);
  CHECK(s.facts.preamble.first == "Rilevazione 2023");
  CHECK(s.facts.first_column == 1);
  CHECK(s.header == std::vector<std::string>{"sede", "voto", "n"});
  CHECK(s.rows == Rows{{"Roma", "4", "10"}, {"Milano", "3", ""}, {"Bari", "", "2"}});
  CHECK(s.facts.hidden_rows == 1);
  CHECK(s.facts.hidden_columns == 1);
  CHECK(s.facts.merged_cells == 1);
  CHECK(s.facts.cells_outside == 1);  // said, with its row, never read as a value
  CHECK(s.warnings.count("cells_outside_table") == 1);
  CHECK(s.warnings.count("hidden_cells_read") == 1);
}

TEST_CASE(
    "xlsx sheets: notes, empty, hidden and chart sheets are listed and skipped; a pick "
    "reads them",
    "[workbook]") {
  const std::string table =
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c>"
      "<c r=\"B2\"><v>2</v></c></row></sheetData>";
  const std::string notes =
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Note metodologiche</t></is></c>"
      "</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Fonte: INPS</t></is></c></row>"
      "</sheetData>";
  const std::string file =
      test::make_xlsx({{"Dati", table}, {"Note", notes}, {"Vuoto", "<sheetData/>"}});
  const auto book = read(file);
  REQUIRE(book->sheets.size() == 1);
  CHECK(book->sheet(0).facts.sheet == "Dati");
  CHECK(book->skipped ==
        std::vector<std::pair<std::string, std::string>>{{"Note", "notes"}, {"Vuoto", "empty"}});

  WorkbookOptions picked;
  picked.sheets = {"Note"};
  const auto only_notes = read(file, picked);
  REQUIRE(only_notes->sheets.size() == 1);
  CHECK(only_notes->sheet(0).rows.size() == 1);  // "Note metodologiche" is its header
}

TEST_CASE("ods: repeated rows and cells, covered cells, notes, dates, percentages, errors",
          "[workbook]") {
  const std::string content =
      "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"o\" xmlns:table=\"t\" "
      "xmlns:text=\"x\" xmlns:calcext=\"c\"><office:body><office:spreadsheet>"
      "<table:table table:name=\"Risposte\">"
      "<table:table-column table:number-columns-repeated=\"2\"/>"
      "<table:table-column table:visibility=\"collapse\"/>"
      "<table:table-column table:number-columns-repeated=\"1021\"/>"
      "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Titolo &amp; "
      "periodo</text:p></table:table-cell><table:table-cell "
      "table:number-columns-repeated=\"1023\"/>"
      "</table:table-row>"
      "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>data</text:p>"
      "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>quota</text:p>"
      "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>esito</text:p>"
      "<office:annotation><text:p>commento nascosto</text:p></office:annotation>"
      "</table:table-cell></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
      "office:value-type=\"date\" office:date-value=\"2023-10-31\"><text:p>31/10/23</text:p>"
      "</table:table-cell><table:table-cell office:value-type=\"percentage\" "
      "office:value=\"0.625\">"
      "<text:p>62,5%</text:p></table:table-cell><table:table-cell office:value-type=\"boolean\" "
      "office:boolean-value=\"true\"><text:p>VERO</text:p></table:table-cell>"
      "<table:table-cell table:number-columns-repeated=\"1021\"/></table:table-row>"
      "<table:table-row table:visibility=\"collapse\"><table:table-cell "
      "office:value-type=\"date\" office:date-value=\"2023-11-01T08:30:00\"/>"
      "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"float\" office:value=\"0\" "
      "calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"2\"/>b</text:p>"
      "<text:p>c</text:p></table:table-cell></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell "
      "table:number-columns-repeated=\"1024\"/></table:table-row>"
      "</table:table>"
      "<table:table table:name=\"Note\"><table:table-row><table:table-cell "
      "office:value-type=\"string\"><text:p>Solo una nota</text:p></table:table-cell>"
      "</table:table-row></table:table>"
      "</office:spreadsheet></office:body></office:document-content>";
  const std::string file =
      test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                      {"content.xml", content},
                      {"META-INF/manifest.xml", "<manifest/>"}});
  const auto book = read(file);
  REQUIRE(book->format == "ods");
  REQUIRE(book->sheets.size() == 1);
  const Sheet& s = book->sheet(0);
  CHECK(s.facts.sheet == "Risposte");
  CHECK(s.facts.preamble.first == "Titolo & periodo");
  CHECK(s.header == std::vector<std::string>{"data", "quota", "esito"});
  CHECK(s.rows == Rows{{"2023-10-31", "62.5%", "true"},
                       {"2023-10-31", "62.5%", "true"},
                       {"2023-11-01T08:30:00", "", "a  b\nc"}});
  CHECK(s.lines == std::vector<std::uint64_t>{3, 4, 5});
  CHECK(s.facts.last_row == 5);  // the million empty rows after it cost nothing
  CHECK(s.facts.blank_rows == 0);
  CHECK(s.facts.hidden_rows == 1);
  CHECK(s.facts.hidden_columns == 1);
  CHECK(s.facts.error_cells == 1);
  CHECK(book->skipped == std::vector<std::pair<std::string, std::string>>{{"Note", "notes"}});
}

TEST_CASE("an ODS run of spaces cannot ask for more memory than a cell holds", "[workbook]") {
  // <text:s text:c="N"/> is N spaces: the fuzzer found one asking for 4.9 TB.
  const std::string content =
      "<office:document-content><office:body><office:spreadsheet><table:table table:name=\"S\">"
      "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>voto</text:p>"
      "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>nota</text:p>"
      "</table:table-cell></table:table-row>"
      "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"4\">"
      "<text:p>4</text:p></table:table-cell><table:table-cell office:value-type=\"string\">"
      "<text:p>a<text:s text:c=\"4937000000000\"/>b<text:s text:c=\"3\"/>c</text:p>"
      "</table:table-cell></table:table-row>"
      "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"5\">"
      "<text:p>5</text:p></table:table-cell><table:table-cell office:value-type=\"string\">"
      "<text:p>x<text:s text:c=\"3\"/>y</text:p></table:table-cell></table:table-row>"
      "</table:table></office:spreadsheet></office:body></office:document-content>";
  const auto book =
      read(test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                           {"content.xml", content},
                           {"META-INF/manifest.xml", "<manifest/>"}}));
  REQUIRE(book->sheets.size() == 1);
  const Sheet& s = book->sheet(0);
  REQUIRE(s.rows.size() == 2);
  CHECK(s.rows[0][0] == "4");
  // The huge run stops at 32,767 characters (Excel's most in a cell); the text after it is kept.
  CHECK(s.rows[0][1].size() == 32767 + 2);
  CHECK(s.rows[0][1].substr(0, 2) == "a ");
  CHECK(s.rows[0][1].substr(s.rows[0][1].size() - 2) == "bc");
  CHECK(s.rows[1] == std::vector<std::string>{"5", "x   y"});
}

TEST_CASE("a sheet whose repetitions expand past the budget is refused, not expanded",
          "[workbook]") {
  // A cell of 100 characters repeated over 1,000 columns, in a row repeated
  // a million times: 100 GB of text from 400 bytes of XML. The budget is
  // lowered here (it is 2 GiB) so that the sheet within it is quick to read.
  const auto ods = [](std::uint64_t rows, std::uint64_t columns) {
    const std::string cell = "<table:table-cell office:value-type=\"string\"><text:p>";
    std::string content = "<office:document-content><office:body><office:spreadsheet>";
    content += "<table:table table:name=\"Ripetuto\"><table:table-row>";
    content += cell + "voto</text:p></table:table-cell>";
    content += cell + "nota</text:p></table:table-cell></table:table-row>";
    content += "<table:table-row table:number-rows-repeated=\"" + std::to_string(rows) + "\">";
    content += "<table:table-cell office:value-type=\"float\" office:value=\"4\">";
    content += "<text:p>4</text:p></table:table-cell>";
    content += "<table:table-cell table:number-columns-repeated=\"" + std::to_string(columns);
    content += "\" office:value-type=\"string\"><text:p>" + std::string(100, 'x');
    content += "</text:p></table:table-cell></table:table-row>";
    content += "</table:table></office:spreadsheet></office:body></office:document-content>";
    return test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                           {"content.xml", content},
                           {"META-INF/manifest.xml", "<manifest/>"}});
  };
  WorkbookOptions options;
  options.limits.max_sheet_text = 1 << 20;  // 1 MiB
  // Within it: 100 rows, all read.
  {
    const auto book = read(ods(100, 1), options);
    REQUIRE(book->sheets.size() == 1);
    CHECK(!book->sheet(0).error);
    CHECK(book->sheet(0).rows.size() == 100);
  }
  // Past it by the rows' repeat (10 MB), by one row's cells (1.6 MB in a
  // row), and by both (100 GB): the sheet fails with its reason at once.
  for (const auto& [rows, columns] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
           {100000, 1}, {1, 16000}, {1000000, 1000}}) {
    INFO(rows << " rows x " << columns << " cells");
    const auto book = read(ods(rows, columns), options);
    REQUIRE(book->sheets.size() == 1);
    const Sheet& s = book->sheet(0);
    CHECK(s.error.code == ErrorCode::zip_bomb);
    CHECK(s.error.message.find("'Ripetuto'") != std::string::npos);
    CHECK(s.rows.size() < 100);
  }
}

TEST_CASE("files that are not readable workbooks are refused with their reason", "[workbook]") {
  // An encrypted .xlsx is an OLE2 compound file with an EncryptedPackage stream.
  std::string compound(4096, '\0');
  const unsigned char magic[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  for (std::size_t i = 0; i < 8; ++i) compound[i] = static_cast<char>(magic[i]);
  compound[30] = 9;  // 512-byte sectors
  compound[48] = 1;  // the directory at sector 1 (offset 1024)
  std::string encrypted = compound;
  const std::string name = "EncryptedPackage";
  for (std::size_t i = 0; i < name.size(); ++i) encrypted[1024 + 128 + 2 * i] = name[i];
  CHECK(read(encrypted)->error.code == ErrorCode::encrypted_workbook);
  std::string xls = compound;
  const std::string book = "Workbook";
  for (std::size_t i = 0; i < book.size(); ++i) xls[1024 + 128 + 2 * i] = book[i];
  CHECK(read(xls)->error.code == ErrorCode::xls_workbook);

  CHECK(read(test::make_zip({{"xl/workbook.bin", "x"}}))->error.code == ErrorCode::xlsb_workbook);
  CHECK(read(test::make_zip({{"readme.md", "x"}}))->error.code == ErrorCode::not_a_workbook);
  CHECK(read(test::make_zip({{"xl/workbook.xml", "x"}}, false, 1))->error.code ==
        ErrorCode::encrypted_workbook);
  const std::string ods_encrypted = test::make_zip(
      {{"content.xml", "binary"}, {"META-INF/manifest.xml", "<manifest:encryption-data/>"}});
  CHECK(read(ods_encrypted)->error.code == ErrorCode::encrypted_workbook);

  const std::string good = test::make_xlsx({{"A", "<sheetData/>"}});
  CHECK(read(good.substr(0, good.size() - 30))->error.code == ErrorCode::damaged_zip);
  CHECK(read(good.substr(0, 100))->error.code == ErrorCode::damaged_zip);

  // A bomb: 10 MB of zeros deflate to about 10 KB. Declared, it is refused
  // before any byte is inflated; undeclared (the directory lies), as soon as
  // the inflated bytes pass what was declared.
  const std::string zeros(10u << 20, '0');
  const auto bomb = read(test::make_zip({{"xl/workbook.xml", zeros}}));
  CHECK(bomb->error.code == ErrorCode::zip_bomb);
  const auto liar = read(test::make_zip({{"xl/workbook.xml", zeros}}, true, 0, 1000));
  CHECK(liar->error.code == ErrorCode::zip_bomb);

  // A damaged sheet fails alone: the next sheet is read.
  const std::string two = test::make_xlsx(
      {{"Rotto", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>"},
       {"Buono",
        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
        "<c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c></row><row r=\"2\"><c r=\"A2\">"
        "<v>1</v></c><c r=\"B2\"><v>2</v></c></row></sheetData>"}});
  const auto mixed = read(two);
  CHECK(!mixed->error);
  REQUIRE(mixed->sheets.size() == 2);
  CHECK(mixed->sheet(0).error.code == ErrorCode::damaged_workbook);
  CHECK(mixed->sheet(1).rows == Rows{{"1", "2"}});

  // Beyond Excel's last row.
  const auto over = read(
      test::make_xlsx({{"Big",
                        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
                        "<c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c></row><row r=\"1048577\">"
                        "<c r=\"A1048577\"><v>1</v></c></row></sheetData>"}}));
  REQUIRE(over->sheets.size() == 1);
  CHECK(over->sheet(0).error.code == ErrorCode::sheet_over_limits);
}

TEST_CASE("parts found where the relationships say, whatever their case", "[workbook]") {
  // A writer that names the shared strings "SharedStrings.xml" in a folder
  // of its own, and the sheet "Sheet1.XML".
  const std::string file = test::make_zip(
      {{"xl/workbook.xml",
        "<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"r1\"/></sheets></workbook>"},
       {"xl/_rels/workbook.xml.rels",
        "<Relationships><Relationship Id=\"r1\" Type=\"x/worksheet\" Target=\"/xl/Sheet1.XML\"/>"
        "<Relationship Id=\"r2\" Type=\"x/relationships/sharedStrings\" "
        "Target=\"strings/SharedStrings.xml\"/></Relationships>"},
       {"xl/strings/SharedStrings.xml", "<sst><si><t>nome</t></si><si><t>valore</t></si></sst>"},
       {"xl/sheet1.xml",
        "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>"
        "<row><c "
        "t=\"inlineStr\"><is><t>a</t></is></c><c><v>2</v></c></row></sheetData></worksheet>"}});
  const auto book = read(file);
  REQUIRE(book->sheets.size() == 1);
  CHECK(book->sheet(0).header == std::vector<std::string>{"nome", "valore"});
  CHECK(book->sheet(0).rows == Rows{{"a", "2"}});
}

TEST_CASE("a ZIP64 archive and a comment after the directory are read", "[workbook]") {
  const std::string sheet =
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>1</v>"
      "</c><c r=\"B2\"><v>2</v></c></row></sheetData>";
  const auto zip64 = read(test::as_zip64(test::make_xlsx({{"Dati", sheet}})));
  CHECK(!zip64->error);
  REQUIRE(zip64->sheets.size() == 1);
  CHECK(zip64->sheet(0).rows == Rows{{"1", "2"}});

  std::string commented = test::make_xlsx({{"Dati", sheet}});
  const std::string comment = "PK\x05\x06 a comment that looks like an end record";
  commented[commented.size() - 2] = static_cast<char>(comment.size());
  commented += comment;
  const auto with_comment = read(commented);
  CHECK(!with_comment->error);
  REQUIRE(with_comment->sheets.size() == 1);
}

TEST_CASE("a ZIP of CSV files: each read as a CSV file", "[workbook]") {
  const auto book = read(test::make_zip({{"gennaio.csv", "a;b\n1;2\n"}, {"note.md", "x"}}));
  CHECK(book->format == "zip");
  CHECK(book->text_files == std::vector<std::string>{"book.xlsx \xc2\xb7 gennaio.csv:a;b\n1;2\n"});
}

TEST_CASE("a workbook's numbers are never read as Italian thousands; text cells are",
          "[workbook]") {
  // Column "importo" holds numbers (173.376 is a decimal number), "testo"
  // holds text an Italian export wrote ("1.234,5"): the report reads both right.
  const std::string data =
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>importo</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>testo</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\"><v>173.376</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>1.234,5</t>"
      "</is></c></row><row r=\"3\"><c r=\"A3\"><v>2.5</v></c><c r=\"B3\" t=\"inlineStr\"><is>"
      "<t>3,25</t></is></c></row></sheetData>";
  const std::string path = "/tmp/ascolto_workbook_test.xlsx";
  {
    std::ofstream out(path, std::ios::binary);
    out << test::make_xlsx({{"Dati", data}});
  }
  report::Workspace workspace;
  CHECK(!cli::read_workbook_file(workspace, path, "dati.xlsx"));
  const auto report = nlohmann::json::parse(workspace.report("{}"));
  const auto& d = report["datasets"][0];
  CHECK(d["name"] == "dati.xlsx \xc2\xb7 Dati");
  CHECK(d["columns"][0]["max"].get<double>() == Approx(173.376));
  CHECK(d["columns"][1]["max"].get<double>() == Approx(1234.5));
  CHECK(d["file"]["sheet"]["format"] == "xlsx");
  CHECK(report["workbooks"][0]["sheets"][0]["dataset"] == "dati.xlsx \xc2\xb7 Dati");
}

TEST_CASE("the XML tokenizer: entities, CDATA, '>' in values, any chunking", "[workbook]") {
  struct Log : XmlHandler {
    std::string out;
    void on_start(std::string_view n, const std::vector<XmlAttribute>& a, bool) override {
      out += "<" + std::string(n);
      for (const auto& x : a) out += " " + std::string(x.name) + "=" + decoded(x.value);
      out += ">";
    }
    void on_end(std::string_view n) override { out += "</" + std::string(n) + ">"; }
    void on_text(std::string_view t, bool encoded) override {
      out += encoded ? decoded(t) : std::string(t);
    }
  };
  const std::string xml =
      "<?xml version=\"1.0\"?><!-- c --><a:r x:f='of:=IF([.A1]>0;1)' b=\"&lt;&#233;&#x20AC;\">"
      "t&amp;u<![CDATA[<raw>&amp;]]><e/></a:r>";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{7}, xml.size()}) {
    Log log;
    XmlStream stream(log);
    for (std::size_t i = 0; i < xml.size(); i += chunk) REQUIRE(!stream.feed(xml.substr(i, chunk)));
    REQUIRE(!stream.finish());
    CHECK(log.out == "<r f=of:=IF([.A1]>0;1) b=<\xc3\xa9\xe2\x82\xac>t&u<raw>&amp;<e></e></r>");
  }
  Log log;
  XmlStream cut(log);
  CHECK(!cut.feed("<a><b attr=\"x"));
  CHECK(cut.finish().code == ErrorCode::damaged_workbook);
}
