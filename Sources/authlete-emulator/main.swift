// Replaced by the emulator's command line.
import AuthleteEmulator
