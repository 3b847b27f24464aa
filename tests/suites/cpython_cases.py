"""Writes CPython's own csv test cases as JSON (stdout), for the C++ test
tests/cpp/public_suites_test.cpp: the reader cases of the 'excel' and 'unix'
dialects (test_csv.TestDialectExcel, TestDialectUnix, and Test_Csv's
_read_test calls with no dialect options) and the Sniffer samples whose
delimiter is one Ascolto considers. The cases come from Debian's
libpython3.11-testsuite, as installed: nothing is copied into the project."""
import json
import sys
import unittest

from test import test_csv

reader_cases = []
expecting_error = [False]  # inside assertRaises: CPython refuses the input


def record_reader(self, input, expected):
    reader_cases.append({"name": f"{type(self).__name__}.{self._testMethodName}",
                         "input": input, "expected": expected, "error": expecting_error[0]})


def assert_raises(self, exception, *args, **kwargs):
    if not args:
        return unittest.TestCase.assertRaises(self, exception, *args, **kwargs)
    expecting_error[0] = True
    try:
        args[0](*args[1:], **kwargs)
    except Exception:
        pass
    finally:
        expecting_error[0] = False
    return None


def record_read_test(self, input, expect, **kwargs):
    if kwargs and kwargs != {"delimiter": ";"}:
        return  # escapechar, quotechar, quoting, strict...: options Ascolto does not have
    reader_cases.append({"name": f"Test_Csv.{self._testMethodName}: {input!r:.60}",
                         "input": "".join(input), "expected": expect,
                         "delimiter": kwargs.get("delimiter", ","), "error": expecting_error[0]})


test_csv.TestCsvBase.readerAssertEqual = record_reader
test_csv.TestCsvBase.writerAssertEqual = lambda *args: None
test_csv.Test_Csv._read_test = record_read_test
test_csv.Test_Csv.assertRaises = assert_raises
test_csv.TestCsvBase.assertRaises = assert_raises
for case in (test_csv.TestDialectExcel, test_csv.TestDialectUnix, test_csv.Test_Csv):
    for name in unittest.TestLoader().getTestCaseNames(case):
        try:
            getattr(case(name), name)()
        except Exception:  # the other assertions of a method are not ours to run
            pass

S = test_csv.TestSniffer
# test_delimiters: the samples with a delimiter among , ; tab |. The others
# ('?', '/', '+', ':' and NUL delimiters, "'" quotes) are not Ascolto's.
sniffer_cases = [{"name": f"TestSniffer.{name}", "sample": getattr(S, name), "delimiter": d}
                 for name, d in (("sample1", ","), ("sample4", ";"), ("sample5", "\t"),
                                 ("sample6", "|"))]
json.dump({"source": test_csv.__file__, "reader": reader_cases, "sniffer": sniffer_cases},
          sys.stdout)
