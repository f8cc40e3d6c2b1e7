"""HTTP layer: FastAPI routers that parse, authenticate and call one service each."""
