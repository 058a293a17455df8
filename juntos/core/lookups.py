"""Integer lookups that survive an impossible number.

Django's exact/gt/lt lookups on integer fields already treat a number beyond the
database's range as matching nothing; its `in` lookup does not, and SQLite then fails
with OverflowError. A form's ModelMultipleChoiceField checks the posted ids with
`pk__in`, so a hand-made POST with id 99999999999999999999 was a 500 instead of "Select
a valid choice". An id out of range cannot match a row: drop it before the query.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
