"""Path converters for date archive URLs: /2025/12/11/… with zero-padded parts.

Impossible parts never reach the views (Django's date views would overflow on
/9999/12/31/): the URL does not match and the answer is 404.
"""


class FourDigitYear:
    regex = r"[12][0-9]{3}"  # 1000–2999

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigitMonth:
    regex = r"0[1-9]|1[0-2]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class TwoDigitDay(TwoDigitMonth):
    regex = r"0[1-9]|[12][0-9]|3[01]"
