"""The readers of other ministries' layouts (docs/layouts.md), one module each, each with
``read(lines, *, name, layout) -> (EvaluationReport, findings)``. The 外務省 令和2年度 form and the
調書 on its own are read by ``hyoka.importers.text.assemble``."""
