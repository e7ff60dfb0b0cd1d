from django.contrib.auth import views as auth_views


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        # Saved with the new password (the form saves the user).
        form.user.must_change_password = False
        return super().form_valid(form)
