"""The ground floor: what every layer of Rapor may import (quarters, the home's layout, the scheme
model, the input contract, findings and their messages, the warehouse connection). It imports
nothing of the layers above it."""
