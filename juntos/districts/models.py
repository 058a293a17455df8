"""District plans imported by command: which ZCTAs overlap which districts, and district shapes.

Public data shared by every coalition on the server (district lines are the same for all).
The national congressional crosswalk ships with Juntos (data/); an imported plan for a state
and chamber replaces it for that state. Nothing here is about a person: a ZIP lookup stores
nothing.
"""

from django.db import models


class DistrictPlan(models.Model):
    """One state's districts of one chamber under one plan ("119th Congress", "2024")."""

    class Chamber(models.TextChoices):
        CONGRESS = "congress", "U.S. House"
        UPPER = "upper", "State senate"
        LOWER = "lower", "State house"

    state = models.CharField(max_length=2)
    chamber = models.CharField(max_length=10, choices=Chamber.choices)
    plan = models.CharField(max_length=40)
    source = models.CharField(max_length=500, blank=True)
    has_crosswalk = models.BooleanField(default=False)
    has_shapes = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["state", "chamber"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "chamber"], name="district_plan_one_per_chamber"
            )
        ]

    def __str__(self):
        return f"{self.state} {self.chamber} ({self.plan})"


class ZipDistrict(models.Model):
    plan = models.ForeignKey(DistrictPlan, on_delete=models.CASCADE, related_name="zips")
    zcta = models.CharField(max_length=5)
    district = models.CharField(max_length=20)
    name = models.CharField(max_length=120, blank=True)

    class Meta:
        indexes = [models.Index(fields=["zcta"])]

    def __str__(self):
        return f"{self.zcta} → {self.district}"


class DistrictShape(models.Model):
    plan = models.ForeignKey(DistrictPlan, on_delete=models.CASCADE, related_name="shapes")
    district = models.CharField(max_length=20)
    name = models.CharField(max_length=120, blank=True)
    polygons = models.JSONField()
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["min_lat", "max_lat"])]

    def __str__(self):
        return f"{self.plan.state} {self.district}"
