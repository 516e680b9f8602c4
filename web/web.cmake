# The browser build: louyu compiled to WebAssembly with Debian's emscripten, included by
# the top CMakeLists.txt when LY_WEB is on (scripts/web.sh configures it with emcmake).
#
# The same core, renderer and application as the desktop, less what the browser has no
# use or library for: fontconfig (the page gives the font), SQLite stores, libcurl (the
# page fetches), PROJ and CityJSON, the scene cache, the portal writer, exports and the
# kiosk's PIN (libsodium). The GL dialect is OpenGL ES 3.0 (src/render/gl.h); the platform
# layer is src/platform/platform_web.c over emscripten's html5.h; the entry point and the
# page's API are src/web/. Libraries without a web build come from Debian's own sources:
# cJSON compiled from `apt-get source cjson` (LY_CJSON_SRC), stb's implementations from
# Debian's stb headers, cglm (headers only) from Debian's headers.

set(LY_CJSON_SRC "" CACHE PATH "Debian's cjson source folder (apt-get source cjson)")
if(NOT EXISTS "${LY_CJSON_SRC}/cJSON.c")
  message(FATAL_ERROR "LY_CJSON_SRC must name Debian's cjson source (scripts/web.sh fetches it)")
endif()

set(LY_WEB_LEFT_OUT
  src/core/font_find.c src/core/pin.c src/core/cityjson.c src/core/cityjson_geom.c
  src/core/cache.c src/core/cache_check.c src/core/fetch.c src/core/gpkg.c src/core/store.c
  src/core/store_import.c src/core/site.c src/core/site_pages.c src/core/site_building.c
  src/core/site_assets.c src/core/html.c src/core/report.c src/core/synth.c
  src/core/export_csv.c src/core/export_gltf.c src/core/export_cityjson.c src/core/export_geojson.c
  src/core/logfile.c
  src/core/camstream.c src/core/xlsx.c src/core/zip.c src/core/xls.c src/core/sheet.c
  src/core/html_table.c
  src/core/shapefile.c src/core/feature_text.c src/core/zip_district.c
  src/core/gpkg_features.c src/core/osm.c src/core/osm_pbf.c)
set(LY_WEB_CORE ${LY_CORE_SOURCES})
list(REMOVE_ITEM LY_WEB_CORE ${LY_WEB_LEFT_OUT})
set(LY_WEB_APP ${LY_APP_SOURCES})
list(REMOVE_ITEM LY_WEB_APP src/app/export.c)

# Debian's headers of the header-only libraries, without the rest of /usr/include (whose
# glibc headers must not meet emscripten's libc)
set(LY_WEB_SYSINC ${CMAKE_BINARY_DIR}/sysinc)
file(MAKE_DIRECTORY ${LY_WEB_SYSINC})
# glibc headers must not meet emscripten's libc), and cJSON's source as <cjson/...>
foreach(lib cglm stb)
  file(CREATE_LINK /usr/include/${lib} ${LY_WEB_SYSINC}/${lib} SYMBOLIC)
endforeach()
file(CREATE_LINK ${LY_CJSON_SRC} ${LY_WEB_SYSINC}/cjson SYMBOLIC)

add_compile_definitions(LY_WEB LY_GLES)
add_compile_options(-O3)

# stb's implementations: the desktop links Debian's libstb.so; the browser has no shared
# libraries, so Debian's own headers are compiled here with their implementations on
# (a two-line unit written into the build tree, not a copy of stb)
set(LY_WEB_STB ${CMAKE_BINARY_DIR}/gen/stb_impl.c)
file(WRITE ${LY_WEB_STB}
  "#include <stb/stb_rect_pack.h>\n#include <stb/stb_truetype.h>\n#include <stb/stb_image.h>\n")
set_source_files_properties(${LY_WEB_STB} PROPERTIES COMPILE_DEFINITIONS
  "STB_TRUETYPE_IMPLEMENTATION;STB_RECT_PACK_IMPLEMENTATION;STB_IMAGE_IMPLEMENTATION;STBI_ONLY_PNG")
add_library(ly_web_libs STATIC ${LY_CJSON_SRC}/cJSON.c ${LY_WEB_STB} src/web/strtod.c)
target_include_directories(ly_web_libs SYSTEM PUBLIC ${LY_WEB_SYSINC})
target_compile_options(ly_web_libs PRIVATE -w)

add_library(ly_core STATIC ${LY_WEB_CORE} ${LY_GB2312_TABLE} ${LY_PINYIN_TABLE} ${LY_ICONS_C})
target_include_directories(ly_core PUBLIC include)
target_link_libraries(ly_core PUBLIC ly_web_libs)
add_library(ly_render STATIC src/render/render.c)
target_link_libraries(ly_render PUBLIC ly_core)
add_library(ly_platform STATIC src/platform/platform_web.c)
target_link_libraries(ly_platform PUBLIC ly_core)
# EM_ASM (JavaScript inside C) needs the GNU dialect of C11
set_target_properties(ly_platform PROPERTIES C_EXTENSIONS ON)
add_library(ly_app STATIC ${LY_WEB_APP})
target_link_libraries(ly_app PUBLIC ly_core ly_render)
target_include_directories(ly_app PUBLIC src/app)

# louyu.js + louyu.wasm: the shaders inside (they are read as files, as on the
# desktop); the font and the district are fetched by the page into the file system
add_executable(louyu src/web/main.c)
target_link_libraries(louyu PRIVATE ly_app ly_platform)
set_target_properties(louyu PROPERTIES SUFFIX ".js" C_EXTENSIONS ON)
target_link_options(louyu PRIVATE
  -O3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=64MB -sMEMORY_GROWTH_GEOMETRIC_STEP=1.0
  -sENVIRONMENT=web -sMODULARIZE=1 -sEXPORT_NAME=createLouyu -sFORCE_FILESYSTEM=1
  -sEXPORTED_RUNTIME_METHODS=FS,ccall,UTF8ToString
  --no-entry -sEXPORTED_FUNCTIONS=_malloc,_free -Wl,--wrap=strtod
  --embed-file ${CMAKE_SOURCE_DIR}/shaders@/shaders)
