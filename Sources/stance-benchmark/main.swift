import StanceKit

// Placeholder: the feature benchmark lands here.
print("stance-benchmark: not yet implemented")
