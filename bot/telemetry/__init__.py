"""What the running bot counts about itself (Prometheus); imports nothing of ours, so every layer may."""
