# Script mode: writes OUT, a C++ file defining store::embedded_migrations().
set(body "")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME)
  file(READ ${f} sql)
  string(APPEND body "    {\"${name}\", R\"rapport_sql(${sql})rapport_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from src/store/migrations/*.sql; do not edit.\n#include \"store/migration_source.h\"\n\nnamespace rapport::store {\n\nconst std::vector<MigrationSource>& embedded_migrations() {\n  static const std::vector<MigrationSource> all = {\n${body}  };\n  return all;\n}\n\n}  // namespace rapport::store\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
