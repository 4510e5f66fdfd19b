"""Reports in the workspace: ministries and people, reports with immutable revisions, the
workflow, comments, and the projection tables that lists, search and dashboards read."""
