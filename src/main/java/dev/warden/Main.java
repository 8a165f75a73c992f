package dev.warden;

import java.util.Arrays;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.warden.doctor.Doctor;
import dev.warden.doctor.DoctorLauncher;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Warden's one entry point: the server, or with {@code doctor} as the first argument the operators' doctor, which
 * boots the same application (configuration, SmallRye JWT, the key refresher, the verifier) without its listener and
 * asks those beans instead of rebuilding them.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    @Inject
    Instance<Doctor> doctor;

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals(Doctor.COMMAND)) {
            DoctorLauncher.launch(Main.class, Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && args[0].equals(Doctor.COMMAND)) {
            return doctor.get().run();
        }
        Quarkus.waitForExit();
        return 0;
    }
}
