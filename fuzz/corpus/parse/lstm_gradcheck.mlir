ng.graph @g_lstm {
  %x = ng.placeholder "x" : !ng.tensor<[T:3 recurrent, C:3, N:2 batch], f64>
  %h0 = ng.placeholder "h0" : !ng.tensor<[H:4, N:2 batch], f64>
  %c0 = ng.placeholder "c0" : !ng.tensor<[H:4, N:2 batch], f64>
  %wx = ng.placeholder "wx" : !ng.tensor<[C:3, lZ:16], f64>
  %wh = ng.placeholder "wh" : !ng.tensor<[lH2:4, lZ:16], f64>
  %b = ng.placeholder "b" : !ng.tensor<[lZ:16], f64>
  %l_h, %l_c, %l_hs = ng.recurrence over T params(%wx, %wh, %b : !ng.tensor<[C:3, lZ:16], f64>, !ng.tensor<[lH2:4, lZ:16], f64>, !ng.tensor<[lZ:16], f64>)
      sequences(%x : !ng.tensor<[T:3 recurrent, C:3, N:2 batch], f64>) carries(%h0, %c0 : !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>) -> (!ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[T:3 recurrent, H:4, N:2 batch], f64>) {
  ^bb0(%wx: !ng.tensor<[C:3, lZ:16], f64>, %wh: !ng.tensor<[lH2:4, lZ:16], f64>, %b: !ng.tensor<[lZ:16], f64>, %x: !ng.tensor<[C:3, N:2 batch], f64>, %h: !ng.tensor<[H:4, N:2 batch], f64>, %c: !ng.tensor<[H:4, N:2 batch], f64>):
    %zx = ng.dot %wx, %x : !ng.tensor<[C:3, lZ:16], f64>, !ng.tensor<[C:3, N:2 batch], f64>
    %hh = ng.cast_axes %h : !ng.tensor<[H:4, N:2 batch], f64> -> !ng.tensor<[lH2:4, N:2 batch], f64>
    %zh = ng.dot %wh, %hh : !ng.tensor<[lH2:4, lZ:16], f64>, !ng.tensor<[lH2:4, N:2 batch], f64>
    %zs = ng.add %zx, %zh : !ng.tensor<[lZ:16, N:2 batch], f64>, !ng.tensor<[lZ:16, N:2 batch], f64>
    %z = ng.add %zs, %b : !ng.tensor<[lZ:16, N:2 batch], f64>, !ng.tensor<[lZ:16], f64>
    %i_in = ng.slice %z [lZ[0:4] -> H] : !ng.tensor<[lZ:16, N:2 batch], f64> -> !ng.tensor<[H:4, N:2 batch], f64>
    %i = ng.sigmoid %i_in : !ng.tensor<[H:4, N:2 batch], f64>
    %f_in = ng.slice %z [lZ[4:8] -> H] : !ng.tensor<[lZ:16, N:2 batch], f64> -> !ng.tensor<[H:4, N:2 batch], f64>
    %f = ng.sigmoid %f_in : !ng.tensor<[H:4, N:2 batch], f64>
    %g_in = ng.slice %z [lZ[8:12] -> H] : !ng.tensor<[lZ:16, N:2 batch], f64> -> !ng.tensor<[H:4, N:2 batch], f64>
    %g = ng.tanh %g_in : !ng.tensor<[H:4, N:2 batch], f64>
    %o_in = ng.slice %z [lZ[12:16] -> H] : !ng.tensor<[lZ:16, N:2 batch], f64> -> !ng.tensor<[H:4, N:2 batch], f64>
    %o = ng.sigmoid %o_in : !ng.tensor<[H:4, N:2 batch], f64>
    %fc = ng.multiply %f, %c : !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>
    %ig = ng.multiply %i, %g : !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>
    %c2 = ng.add %fc, %ig : !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>
    %tc = ng.tanh %c2 : !ng.tensor<[H:4, N:2 batch], f64>
    %h2 = ng.multiply %o, %tc : !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>
    ng.yield %h2, %c2, %h2 : !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>
  }
  %y = ng.add %l_hs, %l_c : !ng.tensor<[T:3 recurrent, H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>
  %w = ng.constant [[[0.9093, -0.5298], [-0.7728, 0.7290], [0.5849, -0.8797], [-0.3582, 0.9720]], [[0.1078, -0.9998], [0.1499, 0.9612], [-0.3976, -0.8587], [0.6188, 0.6992]], [[-0.7990, -0.4933], [0.9262, 0.2547], [-0.9918, 0.0009], [0.9915, -0.2564]]] : !ng.tensor<[T:3 recurrent, H:4, N:2 batch], f64>
  %p = ng.multiply %y, %w : !ng.tensor<[T:3 recurrent, H:4, N:2 batch], f64>, !ng.tensor<[T:3 recurrent, H:4, N:2 batch], f64>
  %L = ng.sum %p out [] : !ng.tensor<[T:3 recurrent, H:4, N:2 batch], f64>
  %d_x = ng.deriv %L wrt %x : !ng.tensor<[], f64>, !ng.tensor<[T:3 recurrent, C:3, N:2 batch], f64>
  %d_h0 = ng.deriv %L wrt %h0 : !ng.tensor<[], f64>, !ng.tensor<[H:4, N:2 batch], f64>
  %d_c0 = ng.deriv %L wrt %c0 : !ng.tensor<[], f64>, !ng.tensor<[H:4, N:2 batch], f64>
  %d_wx = ng.deriv %L wrt %wx : !ng.tensor<[], f64>, !ng.tensor<[C:3, lZ:16], f64>
  %d_wh = ng.deriv %L wrt %wh : !ng.tensor<[], f64>, !ng.tensor<[lH2:4, lZ:16], f64>
  %d_b = ng.deriv %L wrt %b : !ng.tensor<[], f64>, !ng.tensor<[lZ:16], f64>
  ng.computation @lstm outputs(%L, %d_x, %d_h0, %d_c0, %d_wx, %d_wh, %d_b : !ng.tensor<[], f64>, !ng.tensor<[T:3 recurrent, C:3, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[C:3, lZ:16], f64>, !ng.tensor<[lH2:4, lZ:16], f64>, !ng.tensor<[lZ:16], f64>) inputs(%x, %h0, %c0, %wx, %wh, %b : !ng.tensor<[T:3 recurrent, C:3, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[H:4, N:2 batch], f64>, !ng.tensor<[C:3, lZ:16], f64>, !ng.tensor<[lH2:4, lZ:16], f64>, !ng.tensor<[lZ:16], f64>)
}
