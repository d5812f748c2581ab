// commands.hpp — the entry points of `lotsen-hub`'s commands, one file each in hub/commands/;
// main.cpp lists them. Each takes the whole argv (argv[1] is its name), answers its own --help,
// and returns the exit status.
#pragma once

namespace lotsen::hub::commands {

int validate_command(int argc, char** argv);  ///< validate FILE
int convert_command(int argc, char** argv);   ///< convert FILE.csv OUT.json [--version N]
int generate_command(int argc, char** argv);  ///< generate N OUT.json [--seed S]
int hash_pin_command(int argc, char** argv);  ///< hash-pin < PIN
int keygen_command(int argc, char** argv);    ///< keygen --out-dir DIR
int init_command(int argc, char** argv);      ///< init --data-dir DIR
int enroll_command(int argc, char** argv);    ///< enroll --data-dir DIR …
int serve_command(int argc, char** argv);     ///< serve --data-dir DIR --listen HOST:PORT
int publish_command(int argc, char** argv);   ///< publish KIND FILE --data-dir DIR --key FILE
int inbox_command(int argc, char** argv);     ///< inbox --data-dir DIR …
int stats_command(int argc, char** argv);     ///< stats --data-dir DIR …
int fleet_command(int argc, char** argv);     ///< fleet --data-dir DIR
int backup_command(int argc, char** argv);    ///< backup --data-dir DIR FILE
int restore_command(int argc, char** argv);   ///< restore --data-dir DIR FILE
int retention_command(int argc, char** argv); ///< retention --data-dir DIR [--dry-run]
int office_command(int argc, char** argv);    ///< office --data-dir DIR [--listen HOST:PORT]
int user_command(int argc, char** argv);      ///< user add|invite|list|disable --data-dir DIR …
int export_command(int argc, char** argv);    ///< export hsds (--data-dir DIR | --catalogue FILE) [--out FILE]

}  // namespace lotsen::hub::commands
