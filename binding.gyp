{
  "target_defaults": {
    "defines": ["NAPI_VERSION=<!(node -p \"require('./package.json').binary.napi_versions[0]\")", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
    "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "native"],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++14", "-std=gnu++17"],
    "cflags": ["-fPIC", "-O3", "-fvisibility=hidden", "-ffp-contract=off"],
    "cflags_cc": ["-std=c++17", "-fexceptions"],
    "xcode_settings": {
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
      "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
      "OTHER_CPLUSPLUSFLAGS": ["$(inherited)", "-ffp-contract=off"],
      "MACOSX_DEPLOYMENT_TARGET": "11.0"
    },
    "msvs_settings": {"VCCLCompilerTool": {"ExceptionHandling": 1}}
  },
  "targets": [
    {
      "target_name": "tensorgrad",
      "sources": [
        "native/addon.cc",
        "native/napi/args.cc",
        "native/napi/guard.cc",
        "native/napi/exports.cc",
        "native/napi/async_op.cc",
        "native/core/shape.cc",
        "native/core/parallel.cc",
        "native/core/glibc_compat.cc",
        "native/cpu/features.cc",
        "native/cpu/dispatch.cc",
        "native/elementwise/binary.cc",
        "native/elementwise/unary.cc",
        "native/elementwise/copy.cc",
        "native/elementwise/compare.cc",
        "native/elementwise/split.cc",
        "native/reduce/reduce.cc",
        "native/reduce/arg_reduce.cc",
        "native/gemm/gemm.cc",
        "native/optim/optim.cc",
        "native/random/shuffle.cc",
        "native/indexing/index_select.cc",
        "native/indexing/gather.cc",
        "native/kernels/ref/table.cc"
      ],
      "conditions": [
        ["OS=='linux'", {"ldflags": ["-static-libstdc++"]}],
        ["OS=='linux' and target_arch=='x64'", {
          "defines": ["TG_GLIBC_COMPAT"],
          "ldflags": ["-Wl,--wrap=pthread_create", "-Wl,--wrap=pthread_join", "-Wl,--wrap=pthread_detach", "-Wl,--wrap=pthread_once", "-Wl,--wrap=pthread_key_create", "-Wl,--wrap=__pthread_key_create", "-Wl,--wrap=pthread_key_delete", "-Wl,--wrap=pthread_getspecific", "-Wl,--wrap=pthread_setspecific", "-Wl,--wrap=pthread_mutex_trylock", "-Wl,--wrap=pthread_sigmask", "-Wl,--wrap=exp", "-Wl,--wrap=log", "-Wl,--wrap=pow"]
        }],
        ["target_arch=='x64'", {"dependencies": ["tg_avx2", "tg_avx512"]}],
        ["target_arch=='arm64'", {"sources": ["native/kernels/neon/table.cc"]}]
      ]
    }
  ],
  "conditions": [
    ["target_arch=='x64'", {
      "targets": [
        {
          "target_name": "tg_avx2",
          "type": "static_library",
          "sources": ["native/kernels/avx2/table.cc"],
          "cflags": ["-mavx2", "-mfma"],
          "xcode_settings": {"OTHER_CFLAGS": ["-mavx2", "-mfma"]}
        },
        {
          "target_name": "tg_avx512",
          "type": "static_library",
          "sources": ["native/kernels/avx512/table.cc"],
          "cflags": ["-mavx512f", "-mavx2", "-mfma", "-Wno-uninitialized", "-Wno-maybe-uninitialized"],
          "xcode_settings": {"OTHER_CFLAGS": ["-mavx512f", "-mavx2", "-mfma"]}
        }
      ]
    }]
  ]
}
