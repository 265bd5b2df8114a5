// Integer arithmetic that wraps on overflow, as PyTorch's int32 ops do, instead of the undefined
// behaviour of signed overflow in C++. Floating types pass straight through.
#pragma once
#include <type_traits>

namespace tg {

template <class T>
using WrapUnsigned = std::make_unsigned_t<std::conditional_t<std::is_integral_v<T>, T, int>>;

template <class T>
inline T WrapAdd(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<WrapUnsigned<T>>(a) + static_cast<WrapUnsigned<T>>(b));
  } else {
    return a + b;
  }
}

template <class T>
inline T WrapSub(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<WrapUnsigned<T>>(a) - static_cast<WrapUnsigned<T>>(b));
  } else {
    return a - b;
  }
}

template <class T>
inline T WrapMul(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    // Promote to at least unsigned int first: uint16/uint8 products would otherwise be int.
    using U = std::common_type_t<WrapUnsigned<T>, unsigned>;
    return static_cast<T>(static_cast<U>(static_cast<WrapUnsigned<T>>(a)) *
                          static_cast<U>(static_cast<WrapUnsigned<T>>(b)));
  } else {
    return a * b;
  }
}

}  // namespace tg
