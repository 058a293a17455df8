"""Live parts of a meeting that cost almost nothing when nothing changed (issue 21).

One row per meeting holds a version number, bumped in the same transaction as every change
that shows on a live panel (check-in and out, absence notices, attendance closed or reopened,
motions opened and closed, ballots, the agenda row in progress). A polled fragment answers
with an ETag built from (meeting, version, language, the viewer's role or person, build);
a poll carrying the current ETag gets 304 Not Modified after the access check and one small
query, before anything is rendered. Every live answer also says how often to poll
(`Juntos-Poll-Seconds`), which the server lengthens under load (static/live/poll.js).
"""
