def lockdown(request):
    """`lockdown`: True on pages of a coalition in lockdown (no query: coalition_view knew)."""
    return {"lockdown": getattr(request, "locked_down", False)}
