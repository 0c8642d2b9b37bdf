"""An error is one line on screen, whatever the value it quotes holds (a line break typed into a pack's data,
a tab in a cell): what the user sees cannot be split or garbled by the input."""

from kit.errors import InputError, ProblemsError, UsageError


def test_a_line_break_in_a_quoted_value_is_shown_escaped():
    error = InputError("gói x, dữ liệu certificate: size '\n' không hợp lệ", code="KIT198", hint="ghi\tcỡ chữ")
    assert error.line() == "gói x, dữ liệu certificate: size '\\n' không hợp lệ — ghi\\tcỡ chữ"
    assert "\n" not in str(error)


def test_vietnamese_text_and_no_break_spaces_are_kept_as_they_are():
    error = InputError("ô B3: “Chiến sĩ\u00a0thi đua” không có", code="KIT198")
    assert error.line() == "ô B3: “Chiến sĩ\u00a0thi đua” không có"


def test_errors_reported_together_stay_one_per_line():
    gathered = ProblemsError([UsageError("a\nb", code="KIT001"), UsageError("c", code="KIT001")], exit_code=2)
    assert gathered.lines() == ["a\\nb", "c"]
    assert str(gathered).splitlines() == ["a\\nb", "c"]
