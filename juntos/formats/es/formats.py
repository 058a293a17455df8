# Spanish of the Americas (US, Mexico): the 12-hour clock and the decimal point.
DATE_FORMAT = r"j \d\e F \d\e Y"  # 10 de marzo de 2027
TIME_FORMAT = "g:i A"  # 6:30 PM
DATETIME_FORMAT = r"l j \d\e F \d\e Y, g:i A"  # miércoles 10 de marzo de 2027, 6:30 PM
SHORT_DATE_FORMAT = "j b Y"  # 10 mar 2027
SHORT_DATETIME_FORMAT = "j b Y, g:i A"  # 10 mar 2027, 6:30 PM
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
FIRST_DAY_OF_WEEK = 0  # domingo, as calendars in the US and Mexico start
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
