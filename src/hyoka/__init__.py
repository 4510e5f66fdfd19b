"""hyoka: the working system for target-management policy evaluation (目標管理型の政策評価)."""
