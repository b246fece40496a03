# Compiles po/<lang>.po into <build>/locale/<lang>/LC_MESSAGES/rapport.mo, the
# layout Boost.Locale's gettext backend reads.
set(RAPPORT_LANGUAGES en fr)
set(RAPPORT_MO_FILES)
foreach(lang ${RAPPORT_LANGUAGES})
  set(po ${CMAKE_SOURCE_DIR}/po/${lang}.po)
  set(mo ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES/rapport.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES
    COMMAND ${MSGFMT} --check-format -o ${mo} ${po}
    DEPENDS ${po}
    COMMENT "Compiling message catalog ${lang}")
  list(APPEND RAPPORT_MO_FILES ${mo})
endforeach()
add_custom_target(catalogs ALL DEPENDS ${RAPPORT_MO_FILES})
