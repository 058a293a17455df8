# English (US). See juntos/formats/__init__.py.
DATE_FORMAT = "F j, Y"  # March 10, 2027
TIME_FORMAT = "g:i A"  # 6:30 PM
DATETIME_FORMAT = "l, F j, Y, g:i A"  # Wednesday, March 10, 2027, 6:30 PM
SHORT_DATE_FORMAT = "M j, Y"  # Mar 10, 2027
SHORT_DATETIME_FORMAT = "M j, Y, g:i A"  # Mar 10, 2027, 6:30 PM
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
