# node-gyp and prebuildify build this; cmake-js builds CMakeLists.txt. Both take the sources and
# ISA flags from native/sources.json (here through scripts/native_manifest.js). gyp sets flags per
# target, not per source, so each ISA's kernels are a static library of their own.
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
      "sources": ["<!@(node scripts/native_manifest.js sources portable addon)"],
      "conditions": [
        ["OS=='linux'", {"ldflags": ["-static-libstdc++"]}],
        ["OS=='linux' and (target_arch=='x64' or target_arch=='arm64') and '<!(node scripts/native_manifest.js glibc)'=='1'", {
          "defines": ["TG_GLIBC_COMPAT"],
          "ldflags": ["-Wl,--wrap=pthread_create", "-Wl,--wrap=pthread_join", "-Wl,--wrap=pthread_detach", "-Wl,--wrap=pthread_once", "-Wl,--wrap=pthread_key_create", "-Wl,--wrap=__pthread_key_create", "-Wl,--wrap=pthread_key_delete", "-Wl,--wrap=pthread_getspecific", "-Wl,--wrap=pthread_setspecific", "-Wl,--wrap=pthread_mutex_trylock", "-Wl,--wrap=pthread_sigmask", "-Wl,--wrap=exp", "-Wl,--wrap=log", "-Wl,--wrap=pow", "-Wl,--wrap=exp2", "-Wl,--wrap=log2", "-Wl,--wrap=hypot", "-Wl,--wrap=hypotf"]
        }],
        ["target_arch=='x64'", {"dependencies": ["tg_avx2", "tg_avx512"]}],
        ["target_arch=='arm64'", {"dependencies": ["tg_neon"]}]
      ]
    }
  ],
  "conditions": [
    ["target_arch=='x64'", {
      "targets": [
        {
          "target_name": "tg_avx2",
          "type": "static_library",
          "sources": ["<!@(node scripts/native_manifest.js sources avx2)"],
          "cflags": ["<!@(node scripts/native_manifest.js flags avx2 --gcc)"],
          "xcode_settings": {"OTHER_CFLAGS": ["<!@(node scripts/native_manifest.js flags avx2)"]}
        },
        {
          "target_name": "tg_avx512",
          "type": "static_library",
          "sources": ["<!@(node scripts/native_manifest.js sources avx512)"],
          "cflags": ["<!@(node scripts/native_manifest.js flags avx512 --gcc)"],
          "xcode_settings": {"OTHER_CFLAGS": ["<!@(node scripts/native_manifest.js flags avx512)"]}
        }
      ]
    }],
    ["target_arch=='arm64'", {
      "targets": [
        {
          "target_name": "tg_neon",
          "type": "static_library",
          "sources": ["<!@(node scripts/native_manifest.js sources neon)"],
          "cflags": ["<!@(node scripts/native_manifest.js flags neon --gcc)"],
          "xcode_settings": {"OTHER_CFLAGS": ["<!@(node scripts/native_manifest.js flags neon)"]}
        }
      ]
    }]
  ]
}
