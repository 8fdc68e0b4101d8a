import pytest

from bestuurderspool.spreadsheet_cells import neutralise, restore


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2", "'-2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=already quoted", "''=already quoted"),
        ("''@twice", "'''@twice"),
        ("Jan <jan@example.nl>", "Jan <jan@example.nl>"),
        ("'t Hooge", "'t Hooge"),
        ("", ""),
    ],
)
def test_text_that_starts_a_formula_is_written_inert_and_read_back(typed, written):
    assert neutralise(typed) == written
    assert restore(written) == typed


def test_numbers_and_dates_are_left_alone():
    assert neutralise(-3) == -3
    assert neutralise(None) is None
