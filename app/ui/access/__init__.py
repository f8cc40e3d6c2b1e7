"""Sign-in, lock and the first-run passphrase dialogs."""
