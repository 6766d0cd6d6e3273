# The seed's x + 1 program, as the walk-through gives it; the loop body,
# which the text leaves out, prints each result.
from __future__ import print_function
from contextlib import closing
import ngraph as ng
import ngraph.transformers as ngt

# Build the graph
x = ng.placeholder(axes=())
x_plus_one = x + 1

# Select a transformer
with closing(ngt.make_transformer()) as transformer:

    # Define a computation
    plus_one = transformer.computation(x_plus_one, x)

    # Run the computation
    for i in range(5):
        print(plus_one(i))
