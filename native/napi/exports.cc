// The N-API face of the drivers: unpack, check, call. Argument order is mirrored by
// lib/native.ts, which is the only caller.
#include "napi/exports.h"

#include "core/parallel.h"
#include "cpu/dispatch.h"
#include "elementwise/elementwise.h"
#include "gemm/gemm.h"
#include "indexing/gather.h"
#include "indexing/index_select.h"
#include "napi/args.h"
#include "napi/guard.h"
#include "reduce/arg_reduce.h"
#include "reduce/reduce.h"

namespace tg {
namespace {

// init(TensorError): the class native errors are built from, kept per environment.
Napi::Value Init(const Napi::CallbackInfo& info) {
  if (!info[0].IsFunction()) throw Error(Code::kArgument, "init: expected the TensorError class");
  AddonData* data = info.Env().GetInstanceData<AddonData>();
  data->tensor_error = Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

Napi::Value Isa(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), Kernels().isa); }

Napi::Value CpuIsas(const Napi::CallbackInfo& info) {
  const auto isas = SupportedIsas();
  Napi::Array out = Napi::Array::New(info.Env(), isas.size());
  for (uint32_t i = 0; i < isas.size(); ++i) out.Set(i, Napi::String::New(info.Env(), isas[i]));
  return out;
}

Napi::Value GetNumThreadsExport(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), GetNumThreads());
}

// setNumThreads(n)
Napi::Value SetNumThreadsExport(const Napi::CallbackInfo& info) {
  Args args(info, "setNumThreads", 1);
  const int64_t n = args.Int(0);
  if (n < 1 || n > 1024) throw Error(Code::kArgument, "setNumThreads: expected 1 to 1024 threads, got " + std::to_string(n));
  SetNumThreads(static_cast<int>(n));
  return info.Env().Undefined();
}

// fill(shape, dst, strides, offset, value)
Napi::Value FillExport(const Napi::CallbackInfo& info) {
  Args args(info, "fill", 5);
  Fill(args.DimList(0), args.Tensor(1), args.Number(4));
  return info.Env().Undefined();
}

// copy(shape, dst, dstStrides, dstOffset, src, srcStrides, srcOffset)
Napi::Value CopyExport(const Napi::CallbackInfo& info) {
  Args args(info, "copy", 7);
  Copy(args.DimList(0), args.Tensor(1), args.Tensor(4));
  return info.Env().Undefined();
}

// binary(op, shape, out, outStrides, outOffset, a, aStrides, aOffset, b, bStrides, bOffset)
Napi::Value BinaryExport(const Napi::CallbackInfo& info) {
  Args args(info, "binary", 11);
  Binary(static_cast<int>(args.Int(0)), args.DimList(1), args.Tensor(2), args.Tensor(5), args.Tensor(8));
  return info.Env().Undefined();
}

// unary(op, shape, out, outStrides, outOffset, x, xStrides, xOffset)
Napi::Value UnaryExport(const Napi::CallbackInfo& info) {
  Args args(info, "unary", 8);
  Unary(static_cast<int>(args.Int(0)), args.DimList(1), args.Tensor(2), args.Tensor(5));
  return info.Env().Undefined();
}

// sum(shape, x, xStrides, xOffset, reduceFlags, out, scale)
Napi::Value SumExport(const Napi::CallbackInfo& info) {
  Args args(info, "sum", 7);
  const Dims flags = args.DimList(4);
  std::vector<bool> reduce(flags.size());
  for (size_t i = 0; i < flags.size(); ++i) reduce[i] = flags[i] != 0;
  View out = args.Buffer(5);
  ReduceSum(args.DimList(0), args.Tensor(1), reduce, out, args.Number(6));
  return info.Env().Undefined();
}

// matmul(aShape, a, aStrides, aOffset, bShape, b, bStrides, bOffset, out)
Napi::Value MatmulExport(const Napi::CallbackInfo& info) {
  Args args(info, "matmul", 9);
  Matmul(args.DimList(0), args.Tensor(1), args.DimList(4), args.Tensor(5), args.Buffer(8));
  return info.Env().Undefined();
}

// indexSelect(shape, x, xStrides, xOffset, dim, index, out)
Napi::Value IndexSelectExport(const Napi::CallbackInfo& info) {
  Args args(info, "index_select", 7);
  View index = args.Buffer(5);
  if (index.dtype != DType::kI32) throw Error(Code::kDtype, "index_select: index must be int32");
  IndexSelect(args.DimList(0), args.Tensor(1), args.Int(4), index.As<int32_t>(), index.length, args.Buffer(6));
  return info.Env().Undefined();
}

// indexAdd(outShape, out, dim, index, src, srcStrides, srcOffset)
Napi::Value IndexAddExport(const Napi::CallbackInfo& info) {
  Args args(info, "index_add", 7);
  View index = args.Buffer(3);
  if (index.dtype != DType::kI32) throw Error(Code::kDtype, "index_add: index must be int32");
  IndexAdd(args.DimList(0), args.Buffer(1), args.Int(2), index.As<int32_t>(), index.length, args.Tensor(4));
  return info.Env().Undefined();
}

// compare(op, shape, out, outStrides, outOffset, a, aStrides, aOffset, b, bStrides, bOffset)
Napi::Value CompareExport(const Napi::CallbackInfo& info) {
  Args args(info, "compare", 11);
  CompareOp(static_cast<int>(args.Int(0)), args.DimList(1), args.Tensor(2), args.Tensor(5), args.Tensor(8));
  return info.Env().Undefined();
}

// where(shape, out, outStrides, outOffset, cond, condStrides, condOffset, a, ..., b, ...)
Napi::Value WhereExport(const Napi::CallbackInfo& info) {
  Args args(info, "where", 13);
  Where(args.DimList(0), args.Tensor(1), args.Tensor(4), args.Tensor(7), args.Tensor(10));
  return info.Env().Undefined();
}

// argReduce(kind, shape, x, xStrides, xOffset, dim, values, indices)
Napi::Value ArgReduceExport(const Napi::CallbackInfo& info) {
  Args args(info, "arg_reduce", 8);
  ArgReduce(static_cast<int>(args.Int(0)), args.DimList(1), args.Tensor(2), args.Int(5), args.Buffer(6),
            args.Buffer(7));
  return info.Env().Undefined();
}

// gather(xShape, x, xStrides, xOffset, dim, indexShape, index, indexStrides, indexOffset, out)
Napi::Value GatherExport(const Napi::CallbackInfo& info) {
  Args args(info, "gather", 10);
  Gather(args.DimList(0), args.Tensor(1), args.Int(4), args.DimList(5), args.Tensor(6), args.Buffer(9));
  return info.Env().Undefined();
}

// scatterAdd(outShape, out, dim, indexShape, index, indexStrides, indexOffset, src, srcStrides, srcOffset)
Napi::Value ScatterAddExport(const Napi::CallbackInfo& info) {
  Args args(info, "scatter_add", 10);
  ScatterAdd(args.DimList(0), args.Buffer(1), args.Int(2), args.DimList(3), args.Tensor(4), args.Tensor(7));
  return info.Env().Undefined();
}

}  // namespace

void RegisterOps(Napi::Env env, Napi::Object exports) {
  exports.Set("init", Napi::Function::New<Guarded<Init>>(env, "init"));
  exports.Set("isa", Napi::Function::New<Guarded<Isa>>(env, "isa"));
  exports.Set("cpuIsas", Napi::Function::New<Guarded<CpuIsas>>(env, "cpuIsas"));
  exports.Set("getNumThreads", Napi::Function::New<Guarded<GetNumThreadsExport>>(env, "getNumThreads"));
  exports.Set("setNumThreads", Napi::Function::New<Guarded<SetNumThreadsExport>>(env, "setNumThreads"));
  exports.Set("fill", Napi::Function::New<Guarded<FillExport>>(env, "fill"));
  exports.Set("copy", Napi::Function::New<Guarded<CopyExport>>(env, "copy"));
  exports.Set("binary", Napi::Function::New<Guarded<BinaryExport>>(env, "binary"));
  exports.Set("unary", Napi::Function::New<Guarded<UnaryExport>>(env, "unary"));
  exports.Set("sum", Napi::Function::New<Guarded<SumExport>>(env, "sum"));
  exports.Set("matmul", Napi::Function::New<Guarded<MatmulExport>>(env, "matmul"));
  exports.Set("indexSelect", Napi::Function::New<Guarded<IndexSelectExport>>(env, "indexSelect"));
  exports.Set("indexAdd", Napi::Function::New<Guarded<IndexAddExport>>(env, "indexAdd"));
  exports.Set("compare", Napi::Function::New<Guarded<CompareExport>>(env, "compare"));
  exports.Set("where", Napi::Function::New<Guarded<WhereExport>>(env, "where"));
  exports.Set("argReduce", Napi::Function::New<Guarded<ArgReduceExport>>(env, "argReduce"));
  exports.Set("gather", Napi::Function::New<Guarded<GatherExport>>(env, "gather"));
  exports.Set("scatterAdd", Napi::Function::New<Guarded<ScatterAddExport>>(env, "scatterAdd"));
}

}  // namespace tg
