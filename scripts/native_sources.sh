# The portable native sources (no N-API, no ISA-specific kernels), for the builds made by
# scripts/test_kernels.sh and scripts/fuzz.sh. CMakeLists.txt and binding.gyp list them too.
# shellcheck disable=SC2034
native_sources=(native/core/shape.cc native/core/parallel.cc native/cpu/features.cc native/cpu/dispatch.cc
                native/elementwise/binary.cc native/elementwise/unary.cc native/elementwise/copy.cc
                native/elementwise/compare.cc native/elementwise/split.cc native/reduce/reduce.cc
                native/reduce/arg_reduce.cc
                native/gemm/gemm.cc native/optim/optim.cc native/random/shuffle.cc
                native/indexing/index_select.cc
                native/indexing/gather.cc native/kernels/ref/table.cc)
