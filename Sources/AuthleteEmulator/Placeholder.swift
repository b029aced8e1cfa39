// Replaced by the emulator's implementation.
public enum EmulatorPlaceholder {}
