# Embeds the numbered SQL migrations into the binary, so a single executable
# can migrate any database without finding files on disk.
file(GLOB RAPPORT_MIGRATION_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/store/migrations/*.sql)
list(SORT RAPPORT_MIGRATION_FILES)
set(RAPPORT_MIGRATIONS_CPP ${CMAKE_BINARY_DIR}/generated/migrations_data.cpp)
# A list would split into several command arguments: pass it joined by '|'.
string(REPLACE ";" "|" migration_files_arg "${RAPPORT_MIGRATION_FILES}")
add_custom_command(OUTPUT ${RAPPORT_MIGRATIONS_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${RAPPORT_MIGRATIONS_CPP} "-DFILES=${migration_files_arg}"
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_migrations.cmake
  DEPENDS ${RAPPORT_MIGRATION_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_migrations.cmake
  COMMENT "Embedding SQL migrations"
  VERBATIM)
