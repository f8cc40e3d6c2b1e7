"""The Kiosk page and the full-screen kiosk (its screen, layout, paint, texts, audio and frame worker)."""
