// The N-API face of the drivers: unpack, check, call (with the kernel table Kernels() chose,
// for drivers that take one). Typed arrays are arguments; the rest is read from the metadata
// buffer in the order written by lib/backend/entries.ts (listed per export).
// Reads go into locals one statement at a time: C++ leaves argument evaluation order open.
#include "napi/exports.h"

#include "core/fresh_memory.h"
#include "core/parallel.h"
#include "cpu/dispatch.h"
#include "elementwise/elementwise.h"
#include "gemm/gemm.h"
#include "indexing/gather.h"
#include "indexing/index_select.h"
#include "napi/args.h"
#include "napi/async_op.h"
#include "napi/export_job.h"
#include "napi/guard.h"
#include "optim/optim.h"
#include "reduce/arg_reduce.h"
#include "reduce/reduce.h"

namespace tg {
namespace {

// init(TensorError, meta: Float64Array): per environment, so every worker_thread has its own.
Napi::Value Init(const Napi::CallbackInfo& info) {
  if (!info[0].IsFunction()) throw Error(Code::kArgument, "init: expected the TensorError class");
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw Error(Code::kArgument, "init: expected a Float64Array for metadata");
  }
  AddonData* data = info.Env().GetInstanceData<AddonData>();
  Napi::Float64Array meta = info[1].As<Napi::Float64Array>();
  data->tensor_error = Napi::Persistent(info[0].As<Napi::Function>());
  data->meta_ref = Napi::Persistent(meta);
  data->meta = meta.Data();
  data->meta_len = meta.ElementLength();
  return info.Env().Undefined();
}

Napi::Value Isa(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), Kernels().isa); }

Napi::Value CpuIsas(const Napi::CallbackInfo& info) {
  const auto isas = SupportedIsas();
  Napi::Array out = Napi::Array::New(info.Env(), isas.size());
  for (uint32_t i = 0; i < isas.size(); ++i) out.Set(i, Napi::String::New(info.Env(), isas[i]));
  return out;
}

// prepareFreshBuffer(buffer: ArrayBuffer): see core/fresh_memory.h; for large new storages.
Napi::Value PrepareFreshBufferExport(const Napi::CallbackInfo& info) {
  if (!info[0].IsArrayBuffer()) throw Error(Code::kArgument, "prepareFreshBuffer: expected an ArrayBuffer");
  Napi::ArrayBuffer buf = info[0].As<Napi::ArrayBuffer>();
  PrepareFreshMemory(buf.Data(), buf.ByteLength());
  return info.Env().Undefined();
}

Napi::Value GetNumThreadsExport(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), GetNumThreads());
}

// setNumThreads(n: number)
Napi::Value SetNumThreadsExport(const Napi::CallbackInfo& info) {
  if (!info[0].IsNumber()) throw Error(Code::kArgument, "setNumThreads: expected a number");
  const double n = info[0].As<Napi::Number>().DoubleValue();
  if (!(n >= 1 && n <= 1024) || n != static_cast<int>(n)) {
    throw Error(Code::kArgument, "setNumThreads: expected an integer from 1 to 1024");
  }
  SetNumThreads(static_cast<int>(n));
  return info.Env().Undefined();
}

// fill(dst) meta: shape, dstStrides, dstOffset, value
auto FillJob(const Napi::CallbackInfo& info) {
  Args args(info, "fill", 1);
  const Dims shape = args.DimList();
  const View dst = args.Tensor(0);
  const double value = args.Number();
  return [=]() { Fill(shape, dst, value); };
}

// copy(dst, src) meta: shape, dstStrides, dstOffset, srcStrides, srcOffset
auto CopyJob(const Napi::CallbackInfo& info) {
  Args args(info, "copy", 2);
  const Dims shape = args.DimList();
  const View dst = args.Tensor(0);
  const View src = args.Tensor(1);
  return [=]() { Copy(shape, dst, src); };
}

// binary(out, a, b) and compare(out, a, b) meta: op, shape, then strides and offset of out, a, b
template <void (*Fn)(int, const Dims&, const View&, const View&, const View&)>
auto ThreeOperandJob(const Napi::CallbackInfo& info) {
  Args args(info, "binary", 3);
  const int op = static_cast<int>(args.Int());
  const Dims shape = args.DimList();
  const View out = args.Tensor(0);
  const View a = args.Tensor(1);
  const View b = args.Tensor(2);
  return [=]() { Fn(op, shape, out, a, b); };
}

// Binary on this process's kernel table, in CompareOp's signature for ThreeOperandJob.
void DispatchedBinary(int op, const Dims& shape, const View& out, const View& a, const View& b) {
  Binary(Kernels(), op, shape, out, a, b);
}

// axpy(y, x) meta: n, alpha, yOffset, xOffset
auto AxpyJob(const Napi::CallbackInfo& info) {
  Args args(info, "axpy", 2);
  const int64_t n = args.Int();
  const double alpha = args.Number();
  View y = args.Buffer(0);
  View x = args.Buffer(1);
  y.offset = args.Int();
  x.offset = args.Int();
  return [=]() { Axpy(Kernels(), n, alpha, x, y); };
}

// unary(out, x) meta: op, shape, outStrides, outOffset, xStrides, xOffset
auto UnaryJob(const Napi::CallbackInfo& info) {
  Args args(info, "unary", 2);
  const int op = static_cast<int>(args.Int());
  const Dims shape = args.DimList();
  const View out = args.Tensor(0);
  const View x = args.Tensor(1);
  return [=]() { Unary(Kernels(), op, shape, out, x); };
}

// where(out, cond, a, b) meta: shape, then strides and offset of out, cond, a, b
auto WhereJob(const Napi::CallbackInfo& info) {
  Args args(info, "where", 4);
  const Dims shape = args.DimList();
  const View out = args.Tensor(0);
  const View cond = args.Tensor(1);
  const View a = args.Tensor(2);
  const View b = args.Tensor(3);
  return [=]() { Where(shape, out, cond, a, b); };
}

// sum(x, out) meta: shape, xStrides, xOffset, reduceFlags, divisor
auto SumJob(const Napi::CallbackInfo& info) {
  Args args(info, "sum", 2);
  const Dims shape = args.DimList();
  const View x = args.Tensor(0);
  const Dims reduce = args.DimList();
  const double divisor = args.Number();
  const View out = args.Buffer(1);
  return [=]() { ReduceSum(Kernels(), shape, x, reduce, out, divisor); };
}

// argReduce(x, values, indices) meta: kind, shape, xStrides, xOffset, dim
auto ArgReduceJob(const Napi::CallbackInfo& info) {
  Args args(info, "arg_reduce", 3);
  const int kind = static_cast<int>(args.Int());
  const Dims shape = args.DimList();
  const View x = args.Tensor(0);
  const int64_t dim = args.Int();
  const View values = args.Buffer(1);
  const View indices = args.Buffer(2);
  return [=]() { ArgReduce(kind, shape, x, dim, values, indices); };
}

// matmul(a, b, out) meta: aShape, aStrides, aOffset, bShape, bStrides, bOffset, outOffset
auto MatmulJob(const Napi::CallbackInfo& info) {
  Args args(info, "matmul", 3);
  const Dims a_shape = args.DimList();
  const View a = args.Tensor(0);
  const Dims b_shape = args.DimList();
  const View b = args.Tensor(1);
  View out = args.Buffer(2);
  out.offset = args.Int();
  return [=]() { Matmul(Kernels(), a_shape, a, b_shape, b, out); };
}

View IndexArg(const Args& args, size_t i, const char* op) {
  View index = args.Buffer(i);
  if (index.dtype != DType::kI32) throw Error(Code::kDtype, std::string(op) + ": index must be int32");
  return index;
}

// indexSelect(x, index, out) meta: shape, xStrides, xOffset, dim
auto IndexSelectJob(const Napi::CallbackInfo& info) {
  Args args(info, "index_select", 3);
  const Dims shape = args.DimList();
  const View x = args.Tensor(0);
  const int64_t dim = args.Int();
  const View index = IndexArg(args, 1, "index_select");
  const View out = args.Buffer(2);
  return [=]() { IndexSelect(shape, x, dim, index.As<int32_t>(), index.length, out); };
}

// indexAdd(out, index, src) meta: outShape, dim, srcStrides, srcOffset
auto IndexAddJob(const Napi::CallbackInfo& info) {
  Args args(info, "index_add", 3);
  const Dims shape = args.DimList();
  const int64_t dim = args.Int();
  const View index = IndexArg(args, 1, "index_add");
  const View src = args.Tensor(2);
  const View out = args.Buffer(0);
  return [=]() { IndexAdd(Kernels(), shape, out, dim, index.As<int32_t>(), index.length, src); };
}

// gather(x, index, out) meta: xShape, xStrides, xOffset, dim, indexShape, indexStrides, indexOffset
auto GatherJob(const Napi::CallbackInfo& info) {
  Args args(info, "gather", 3);
  const Dims x_shape = args.DimList();
  const View x = args.Tensor(0);
  const int64_t dim = args.Int();
  const Dims index_shape = args.DimList();
  const View index = args.Tensor(1);
  const View out = args.Buffer(2);
  return [=]() { Gather(x_shape, x, dim, index_shape, index, out); };
}

// scatterAdd(out, index, src) meta: outShape, dim, indexShape, indexStrides, indexOffset,
// srcStrides, srcOffset
auto ScatterAddJob(const Napi::CallbackInfo& info) {
  Args args(info, "scatter_add", 3);
  const Dims out_shape = args.DimList();
  const int64_t dim = args.Int();
  const Dims index_shape = args.DimList();
  const View index = args.Tensor(1);
  const View src = args.Tensor(2);
  const View out = args.Buffer(0);
  return [=]() { ScatterAdd(out_shape, out, dim, index_shape, index, src); };
}

// sgdStep(param, grad, buf) meta: n, paramOffset, gradOffset, bufOffset, lr, momentum,
// dampening, weightDecay, nesterov, first
auto SgdStepJob(const Napi::CallbackInfo& info) {
  Args args(info, "sgd", 3);
  const int64_t n = args.Int();
  View param = args.Buffer(0), grad = args.Buffer(1), buf = args.Buffer(2);
  param.offset = args.Int();
  grad.offset = args.Int();
  buf.offset = args.Int();
  SgdHyper h;
  h.lr = args.Number();
  h.momentum = args.Number();
  h.dampening = args.Number();
  h.weight_decay = args.Number();
  h.nesterov = args.Int() != 0;
  h.first = args.Int() != 0;
  return [=]() { SgdStep(n, param, grad, buf, h); };
}

// adamStep(param, grad, expAvg, expAvgSq, maxExpAvgSq) meta: n, five offsets, lr, beta1, beta2,
// eps, weightDecay, amsgrad, decoupled, step
auto AdamStepJob(const Napi::CallbackInfo& info) {
  Args args(info, "adam", 5);
  const int64_t n = args.Int();
  View v[5] = {args.Buffer(0), args.Buffer(1), args.Buffer(2), args.Buffer(3), args.Buffer(4)};
  for (View& x : v) x.offset = args.Int();
  AdamHyper h;
  h.lr = args.Number();
  h.beta1 = args.Number();
  h.beta2 = args.Number();
  h.eps = args.Number();
  h.weight_decay = args.Number();
  h.amsgrad = args.Int() != 0;
  h.decoupled = args.Int() != 0;
  h.step = args.Int();
  return [=]() { AdamStep(n, v[0], v[1], v[2], v[3], v[4], h); };
}

}  // namespace

void RegisterOps(Napi::Env env, Napi::Object exports) {
  Export<Init>(env, exports, "init");
  Export<Isa>(env, exports, "isa");
  Export<CpuIsas>(env, exports, "cpuIsas");
  Export<GetNumThreadsExport>(env, exports, "getNumThreads");
  Export<SetNumThreadsExport>(env, exports, "setNumThreads");
  Export<PrepareFreshBufferExport>(env, exports, "prepareFreshBuffer");
  ExportJob<FillJob>(env, exports, "fill");
  ExportJob<CopyJob>(env, exports, "copy");
  ExportJob<ThreeOperandJob<DispatchedBinary>>(env, exports, "binary");
  ExportJob<ThreeOperandJob<CompareOp>>(env, exports, "compare");
  ExportJob<UnaryJob>(env, exports, "unary");
  ExportJob<AxpyJob>(env, exports, "axpy");
  ExportJob<SgdStepJob>(env, exports, "sgdStep");
  ExportJob<AdamStepJob>(env, exports, "adamStep");
  ExportJob<WhereJob>(env, exports, "where");
  ExportJob<SumJob>(env, exports, "sum");
  ExportJob<ArgReduceJob>(env, exports, "argReduce");
  ExportJob<MatmulJob>(env, exports, "matmul");
  ExportJob<IndexSelectJob>(env, exports, "indexSelect");
  ExportJob<IndexAddJob>(env, exports, "indexAdd");
  ExportJob<GatherJob>(env, exports, "gather");
  ExportJob<ScatterAddJob>(env, exports, "scatterAdd");
  RegisterActivations(env, exports);
  RegisterReductions(env, exports);
  RegisterLinalg(env, exports);
  RegisterRandom(env, exports);
  RegisterOptim(env, exports);
}

}  // namespace tg
